import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  UploadedFile,
} from '@nestjs/common';
import { IsBoolean, IsOptional } from 'class-validator';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentActor,
  GDPR_REQUEST_ROLES,
  IdempotencyKey,
  Roles,
  Summary,
  type Actor,
  type Page,
  UploadFile,
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
import { DonationImportsService } from './donation-imports.service';
import { DonationsService } from './donations.service';
import { DonorsService } from './donors.service';

const READ = ['treasurer', 'staff', 'board', 'admin'] as const;

class ImportErrorDto {
  @ApiProperty() line: number;
  @ApiProperty() field: string;
  @ApiProperty() rule: string;
  @ApiProperty() message: string;
}

class DonationImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) filename: string | null;
  @ApiProperty() rowCount: number;
  @ApiProperty() totalCents: number;
  @ApiProperty({ type: ImportErrorDto, isArray: true }) errors: ImportErrorDto[];
  @ApiProperty({ enum: ['preview', 'committed'] }) status: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'An earlier committed import of the same file',
  })
  duplicateOfImportId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) committedAt: Date | null;
}

class CommitImportDto {
  @ApiPropertyOptional({ default: false, description: 'Import a file that was imported before' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

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
    private readonly imports: DonationImportsService,
  ) {}

  @Summary('Spenderinnen und Spender auflisten', 'List donors')
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

  @Summary('Spender anlegen', 'Create a donor')
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

  @Summary('Spender ansehen', 'Get a donor')
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

  @Summary('Spender ändern', 'Update a donor')
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

  @Summary(
    'Auskunft: alle Daten eines Spenders (Art. 15 DSGVO)',
    'Export everything stored about a donor (Art. 15 GDPR)',
  )
  @Get('donors/:id/export')
  @Roles(...GDPR_REQUEST_ROLES)
  @ApiOkResponse({
    description:
      'Everything stored about the donor (Art. 15 GDPR), as JSON: record, donations, receipts, access log',
  })
  @ApiProblems(401, 403, 404)
  exportDonor(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.donors.exportData(actor, orgId, id);
  }

  @Summary(
    'Spender löschen oder einschränken (Art. 17/18 DSGVO)',
    'Erase or restrict a donor (Art. 17/18 GDPR)',
  )
  @Post('donors/:id/erasure')
  @Roles(...GDPR_REQUEST_ROLES)
  @ApiCreatedResponse({
    description:
      'Erased (pseudonymised) when no donation is within the retention of § 147 AO; otherwise restricted now and erased when it ends (`outcome`, `retentionEndsOn`)',
  })
  @ApiProblems(401, 403, 404)
  eraseDonor(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.donors.erase(actor, orgId, id);
  }

  @Summary('Mögliche Dubletten eines Spenders finden', 'Find likely duplicates of a donor')
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

  @Summary('Spender zusammenführen', 'Merge two donors')
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

  @Summary('Spenden auflisten', 'List donations')
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

  @Summary('Spende erfassen und buchen', 'Record and book a donation')
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

  @Summary('Spenden-CSV prüfen (Vorschau)', 'Check a donation CSV (preview)')
  @Post('donation-imports')
  @Roles('treasurer')
  @UploadFile('donationImport')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'Datum;Betrag;Vorname;Nachname;Firma;Straße;PLZ;Ort;E-Mail;Kanal;Zweckbindung;Kostenstelle;Zweck',
        },
      },
    },
  })
  @ApiCreatedResponse({
    type: DonationImportDto,
    description: 'Preview: every line checked, nothing booked yet',
  })
  @ApiProblems(400, 401, 403, 404)
  preview(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DonationImportDto> {
    return this.imports.preview(actor, orgId, file?.buffer, file?.originalname);
  }

  @Summary('Spendenimport ansehen', 'Get a donation import')
  @Get('donation-imports/:id')
  @Roles('treasurer', 'board', 'admin')
  @ApiOkResponse({ type: DonationImportDto })
  @ApiProblems(401, 403, 404)
  importStatus(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DonationImportDto> {
    return this.imports.get(actor, orgId, id);
  }

  @Summary('Spendenimport übernehmen und buchen', 'Commit and book a donation import')
  @Post('donation-imports/:id/commit')
  @Roles('treasurer')
  @ApiCreatedResponse({
    type: DonationImportDto,
    description: 'Every row booked in one transaction, or none',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  commit(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CommitImportDto,
  ): Promise<DonationImportDto> {
    return this.imports.commit(actor, orgId, id, body.force ?? false);
  }

  @Summary('Spende ansehen', 'Get a donation')
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

  @Summary(
    'Spende berichtigen (Storno und Ersatz)',
    'Correct a donation (reversal and replacement)',
  )
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
