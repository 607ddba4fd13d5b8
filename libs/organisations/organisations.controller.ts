import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentActor,
  PageQueryDto,
  Roles,
  Summary,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import { BankAccountDto, BankAccountPageDto, CreateBankAccountDto } from './dto/bank-account.dto';
import {
  CreateExemptionNoticeDto,
  ExemptionNoticeDto,
  ExemptionNoticePageDto,
} from './dto/exemption-notice.dto';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationPageDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Summary('Meine Organisationen auflisten', 'List my organisations')
  @Get()
  @ApiOkResponse({
    type: OrganisationPageDto,
    description: 'The organisations the caller belongs to',
  })
  @ApiProblems(400, 401)
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<OrganisationDto>> {
    return this.organisations.list(actor, query);
  }

  @Summary('Organisation anlegen', 'Create an organisation')
  @Post()
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiProblems(400, 401, 403, 409)
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.create(actor, body);
  }

  @Summary('Organisation ansehen', 'Get an organisation')
  @Get(':orgId')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiProblems(401, 404)
  get(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<OrganisationDto> {
    return this.organisations.get(actor, orgId);
  }

  @Summary('Organisation ändern', 'Update an organisation')
  @Patch(':orgId')
  @Roles('admin')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.update(actor, orgId, body);
  }

  @Summary('Bankkonten auflisten', 'List bank accounts')
  @Get(':orgId/bank-accounts')
  @Roles('admin', 'staff', 'treasurer', 'board')
  @ApiOkResponse({ type: BankAccountPageDto })
  @ApiProblems(400, 401, 403, 404)
  listBankAccounts(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<BankAccountDto>> {
    return this.organisations.listBankAccounts(actor, orgId, query);
  }

  @Summary('Bankkonto erfassen', 'Add a bank account')
  @Post(':orgId/bank-accounts')
  @Roles('admin', 'treasurer')
  @ApiCreatedResponse({ type: BankAccountDto })
  @ApiProblems(400, 401, 403, 404, 409)
  addBankAccount(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateBankAccountDto,
  ): Promise<BankAccountDto> {
    return this.organisations.addBankAccount(actor, orgId, body);
  }

  @Summary('Freistellungsbescheide auflisten', 'List exemption notices')
  @Get(':orgId/exemption-notices')
  @Roles('admin', 'staff', 'treasurer', 'board')
  @ApiOkResponse({ type: ExemptionNoticePageDto })
  @ApiProblems(400, 401, 403, 404)
  listExemptionNotices(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ExemptionNoticeDto>> {
    return this.organisations.listExemptionNotices(actor, orgId, query);
  }

  @Summary('Freistellungsbescheid erfassen', 'Record an exemption notice')
  @Post(':orgId/exemption-notices')
  @Roles('admin', 'treasurer')
  @ApiCreatedResponse({ type: ExemptionNoticeDto })
  @ApiProblems(400, 401, 403, 404)
  addExemptionNotice(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateExemptionNoticeDto,
  ): Promise<ExemptionNoticeDto> {
    return this.organisations.addExemptionNotice(actor, orgId, body);
  }
}
