import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentActor,
  IdempotencyKey,
  Roles,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import {
  CorrectDonationDto,
  CreateDonationDto,
  DonationDto,
  DonationPageDto,
  DonationQueryDto,
  DonorDto,
  DonorInputDto,
  DonorPageDto,
  DonorQueryDto,
  MergeDonorDto,
} from './dto/donation.dto';
import { DonationsService } from './donations.service';
import { DonorsService } from './donors.service';

const READ = ['treasurer', 'staff', 'board', 'admin'] as const;

class CorrectionResultDto {
  @ApiProperty({ type: DonationDto }) corrected: DonationDto;
  @ApiProperty({ type: DonationDto, nullable: true }) replacement: DonationDto | null;
}

@ApiTags('donations')
@ApiBearerAuth()
@Controller('organisations/:orgId')
export class DonationsController {
  constructor(
    private readonly donors: DonorsService,
    private readonly donations: DonationsService,
  ) {}

  @Get('donors')
  @Roles(...READ)
  @ApiOkResponse({ type: DonorPageDto })
  @ApiProblems(400, 401, 403, 404)
  listDonors(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: DonorQueryDto,
  ): Promise<Page<DonorDto>> {
    return this.donors.list(actor, orgId, q);
  }

  @Post('donors')
  @Roles('treasurer', 'staff')
  @ApiCreatedResponse({ type: DonorDto })
  @ApiProblems(400, 401, 403, 404)
  createDonor(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: DonorInputDto,
  ): Promise<DonorDto> {
    return this.donors.create(actor, orgId, body);
  }

  @Get('donors/:id')
  @Roles(...READ)
  @ApiOkResponse({ type: DonorDto })
  @ApiProblems(401, 403, 404)
  donor(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DonorDto> {
    return this.donors.get(actor, orgId, id);
  }

  @Put('donors/:id')
  @Roles('treasurer', 'staff')
  @ApiOkResponse({ type: DonorDto })
  @ApiProblems(400, 401, 403, 404)
  updateDonor(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DonorInputDto,
  ): Promise<DonorDto> {
    return this.donors.update(actor, orgId, id, body);
  }

  @Get('donors/:id/duplicates')
  @Roles(...READ)
  @ApiOkResponse({
    type: DonorDto,
    isArray: true,
    description: 'Same name and postcode, or the same IBAN',
  })
  @ApiProblems(401, 403, 404)
  duplicates(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DonorDto[]> {
    return this.donors.duplicates(actor, orgId, id);
  }

  @Post('donors/:id/merge')
  @Roles('treasurer', 'staff')
  @ApiCreatedResponse({ type: DonorDto, description: 'The surviving donor' })
  @ApiProblems(400, 401, 403, 404, 409)
  merge(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MergeDonorDto,
  ): Promise<DonorDto> {
    return this.donors.merge(actor, orgId, id, body.intoDonorId);
  }

  @Get('donations')
  @Roles(...READ)
  @ApiOkResponse({ type: DonationPageDto })
  @ApiProblems(400, 401, 403, 404)
  listDonations(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: DonationQueryDto,
  ): Promise<Page<DonationDto>> {
    return this.donations.list(actor, orgId, q);
  }

  @Post('donations')
  @Roles('treasurer')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key and body returns the first answer',
  })
  @ApiCreatedResponse({ type: DonationDto, description: 'Recorded and booked in one transaction' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  record(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateDonationDto,
    @IdempotencyKey() key?: string,
  ): Promise<DonationDto> {
    return this.donations.record(actor, orgId, body, key);
  }

  @Get('donations/:id')
  @Roles(...READ)
  @ApiOkResponse({ type: DonationDto })
  @ApiProblems(401, 403, 404)
  donation(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DonationDto> {
    return this.donations.get(actor, orgId, id);
  }

  @Post('donations/:id/corrections')
  @Roles('treasurer')
  @ApiCreatedResponse({
    type: CorrectionResultDto,
    description: 'Reverses the booking; books the replacement if given',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  correct(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CorrectDonationDto,
  ): Promise<CorrectionResultDto> {
    return this.donations.correct(actor, orgId, id, body.reason, body.replacement);
  }
}
