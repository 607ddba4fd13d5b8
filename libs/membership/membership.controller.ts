import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DatedPageQueryDto,
  PageQueryDto,
  Roles,
  sendDownload,
  Summary,
  type Actor,
  type Page,
  UploadFile,
} from '@dachwerk/shared';
import {
  ChangeTierDto,
  CreateDunningRunDto,
  CreateFeeRunDto,
  CreateMandateDto,
  CreateMemberDto,
  CreateTierDto,
  DunningLevelDto,
  DunningLevelsDto,
  FeeReceiptDto,
  FeeRunDto,
  DunningLevelPageDto,
  FeeRunPageDto,
  FeeRunPreviewDto,
  LeaveDto,
  MandateDto,
  MandatePageDto,
  MandateQueryDto,
  MemberDto,
  MemberPageDto,
  MemberQueryDto,
  ReceivablePageDto,
  TierPageDto,
  ReceivableQueryDto,
  RevokeMandateDto,
  TierDto,
  TierRateDto,
  UpdateMemberDto,
} from './dto/membership.dto';
import { DunningService } from './dunning.service';
import { FeeReceiptsService } from './fee-receipts.service';
import { FeeRunsService } from './fee-runs.service';
import { MandatesService } from './mandates.service';
import { MemberImportsService } from './member-imports.service';
import { MembersService } from './members.service';
import { ReceivablesService } from './receivables.service';
import { TiersService } from './tiers.service';

const READ = ['staff', 'treasurer', 'board', 'admin'] as const;

class MemberImportErrorDto {
  @ApiProperty() line: number;
  @ApiProperty() field: string;
  @ApiProperty() rule: string;
  @ApiProperty() message: string;
}
class MemberImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) filename: string | null;
  @ApiProperty() rowCount: number;
  @ApiProperty({ type: MemberImportErrorDto, isArray: true }) errors: MemberImportErrorDto[];
  @ApiProperty({ enum: ['preview', 'committed'] }) status: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) committedAt: Date | null;
}

@ApiTags('membership')
@ApiBearerAuth()
@Controller('organisations/:orgId')
export class MembershipController {
  constructor(
    private readonly tiers: TiersService,
    private readonly members: MembersService,
    private readonly mandates: MandatesService,
    private readonly imports: MemberImportsService,
    private readonly feeRuns: FeeRunsService,
    private readonly receivables: ReceivablesService,
    private readonly dunning: DunningService,
    private readonly feeReceipts: FeeReceiptsService,
  ) {}

  @Summary('Beitragsstufen auflisten', 'List membership tiers')
  @Get('tiers')
  @Roles(...READ)
  @ApiOkResponse({ type: TierPageDto })
  @ApiProblems(400, 401, 403, 404)
  listTiers(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: PageQueryDto,
  ) {
    return this.tiers.list(actor, orgId, q);
  }

  @Summary('Beitragsstufe anlegen', 'Create a membership tier')
  @Post('tiers')
  @Roles('staff', 'treasurer')
  @ApiCreatedResponse({ type: TierDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  createTier(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateTierDto,
  ) {
    return this.tiers.create(actor, orgId, body);
  }

  @Summary('Beitragsstufe ansehen', 'Get a membership tier')
  @Get('tiers/:id')
  @Roles(...READ)
  @ApiOkResponse({ type: TierDto })
  @ApiProblems(401, 403, 404)
  getTier(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.tiers.get(actor, orgId, id);
  }

  @Summary('Neuen Beitragssatz festlegen', 'Set a new fee rate')
  @Post('tiers/:id/rates')
  @Roles('staff', 'treasurer')
  @ApiCreatedResponse({
    type: TierDto,
    description: 'A new rate from a date on; earlier fees keep theirs',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  changeRate(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TierRateDto,
  ) {
    return this.tiers.changeRate(actor, orgId, id, body);
  }

  @Summary('Mitglieder auflisten', 'List members')
  @Get('members')
  @Roles(...READ)
  @ApiOkResponse({ type: MemberPageDto })
  @ApiProblems(400, 401, 403, 404)
  listMembers(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: MemberQueryDto,
  ) {
    return this.members.list(actor, orgId, q);
  }

  @Summary('Mitglied aufnehmen', 'Admit a member')
  @Post('members')
  @Roles('staff')
  @ApiCreatedResponse({ type: MemberDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  createMember(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateMemberDto,
  ) {
    return this.members.create(actor, orgId, body);
  }

  @Summary('Mitglied ansehen', 'Get a member')
  @Get('members/:id')
  @Roles(...READ)
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(401, 403, 404)
  getMember(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.members.get(actor, orgId, id);
  }

  @Summary('Mitglied ändern', 'Update a member')
  @Patch('members/:id')
  @Roles('staff')
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(400, 401, 403, 404, 422)
  updateMember(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateMemberDto,
  ) {
    return this.members.update(actor, orgId, id, body);
  }

  @Summary('Stufenverlauf eines Mitglieds', "A member's tier history")
  @Get('members/:id/tiers')
  @Roles(...READ)
  @ApiOkResponse({ description: 'Tier history: startsOn, tierId, tierName, reduced' })
  @ApiProblems(401, 403, 404)
  tierHistory(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.members.tierHistory(actor, orgId, id);
  }

  @Summary('Beitragsstufe eines Mitglieds wechseln', "Change a member's tier")
  @Post('members/:id/tiers')
  @Roles('staff')
  @ApiCreatedResponse({ type: MemberDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  changeTier(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChangeTierDto,
  ) {
    return this.members.changeTier(actor, orgId, id, body);
  }

  @Summary('Austritt eines Mitglieds erfassen', "Record a member's leaving")
  @Post('members/:id/leave')
  @Roles('staff')
  @ApiCreatedResponse({ type: MemberDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  leave(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: LeaveDto,
  ) {
    return this.members.leave(actor, orgId, id, body);
  }

  @Summary(
    'Auskunft: alle Daten eines Mitglieds (Art. 15 DSGVO)',
    'Export everything stored about a member (Art. 15 GDPR)',
  )
  @Get('members/:id/export')
  @Roles('staff', 'admin')
  @ApiOkResponse({ description: 'Everything stored about the member (Art. 15 GDPR), as JSON' })
  @ApiProblems(401, 403, 404)
  exportMember(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.members.exportData(actor, orgId, id);
  }

  @Summary(
    'Mitglied löschen oder einschränken (Art. 17/18 DSGVO)',
    'Erase or restrict a member (Art. 17/18 GDPR)',
  )
  @Post('members/:id/erasure')
  @Roles('staff', 'admin')
  @ApiCreatedResponse({
    description: 'Restricted now, or erased if the retention period has passed',
  })
  @ApiProblems(401, 403, 404, 409)
  erase(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.members.erase(actor, orgId, id);
  }

  @Summary(
    'Bestätigung über gezahlte Mitgliedsbeiträge ausstellen',
    'Issue a receipt for membership fees paid',
  )
  @Post('members/:id/fee-receipts')
  @Roles('treasurer')
  @ApiCreatedResponse({
    description: 'A receipt for the fees the member paid in the year; the worker renders its PDF',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  feeReceipt(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FeeReceiptDto,
  ) {
    return this.feeReceipts.issue(actor, orgId, id, body.year);
  }

  @Summary('Mitglieder-CSV prüfen (Vorschau)', 'Check a member CSV (preview)')
  @Post('member-imports')
  @Roles('staff')
  @UploadFile('memberImport')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'Mitgliedsnummer;Vorname;Nachname;Firma;Straße;PLZ;Ort;E-Mail;Eintritt;Beitragsstufe;Ermäßigt;IBAN;Mandatsreferenz;Mandatsdatum',
        },
        mapping: {
          type: 'string',
          description:
            'JSON: column name → field (memberNo, firstName, lastName, organisationName, street, postalCode, city, country, email, phone, joinedOn, tier, reduced, iban, mandateRef, mandateSignedOn)',
        },
      },
    },
  })
  @ApiCreatedResponse({
    type: MemberImportDto,
    description: 'Preview: every line checked, nothing imported yet',
  })
  @ApiProblems(400, 401, 403, 404)
  previewImport(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body('mapping') mapping?: string,
  ) {
    return this.imports.preview(actor, orgId, file?.buffer, file?.originalname, mapping);
  }

  @Summary('Mitgliederimport ansehen', 'Get a member import')
  @Get('member-imports/:id')
  @Roles('staff', 'admin')
  @ApiOkResponse({ type: MemberImportDto })
  @ApiProblems(401, 403, 404)
  getImport(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.imports.get(actor, orgId, id);
  }

  @Summary('Mitgliederimport übernehmen', 'Commit a member import')
  @Post('member-imports/:id/commit')
  @Roles('staff')
  @ApiCreatedResponse({ type: MemberImportDto, description: 'All members created, or none' })
  @ApiProblems(401, 403, 404, 409, 422)
  commitImport(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.imports.commit(actor, orgId, id);
  }

  @Summary('SEPA-Mandate auflisten', 'List SEPA mandates')
  @Get('mandates')
  @Roles(...READ)
  @ApiOkResponse({ type: MandatePageDto })
  @ApiProblems(400, 401, 403, 404)
  listMandates(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: MandateQueryDto,
  ) {
    return this.mandates.list(actor, orgId, q);
  }

  @Summary('SEPA-Mandat erfassen', 'Record a SEPA mandate')
  @Post('mandates')
  @Roles('staff', 'treasurer')
  @ApiCreatedResponse({ type: MandateDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  createMandate(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateMandateDto,
  ) {
    return this.mandates.create(actor, orgId, body);
  }

  @Summary('SEPA-Mandat widerrufen', 'Revoke a SEPA mandate')
  @Post('mandates/:id/revoke')
  @Roles('staff', 'treasurer')
  @ApiCreatedResponse({ type: MandateDto })
  @ApiProblems(400, 401, 403, 404, 409)
  revokeMandate(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RevokeMandateDto,
  ) {
    return this.mandates.revoke(actor, orgId, id, body);
  }

  @Summary('Beitragsläufe auflisten', 'List fee runs')
  @Get('fee-runs')
  @Roles(...READ)
  @ApiOkResponse({ type: FeeRunPageDto })
  @ApiProblems(400, 401, 403, 404)
  listFeeRuns(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: DatedPageQueryDto,
  ) {
    return this.feeRuns.list(actor, orgId, q);
  }

  @Summary('Beitragslauf buchen', 'Book a fee run')
  @Post('fee-runs')
  @Roles('treasurer')
  @ApiCreatedResponse({
    type: FeeRunDto,
    description: 'Receivables raised and booked; the SEPA file is ready when debitCount > 0',
  })
  @ApiProblems(400, 401, 403, 404, 422)
  createFeeRun(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateFeeRunDto,
  ) {
    return this.feeRuns.create(actor, orgId, body);
  }

  @Summary('Beitragslauf vorab berechnen (Vorschau)', 'Preview a fee run')
  @Post('fee-runs/preview')
  @Roles('treasurer', 'staff')
  @HttpCode(200)
  @ApiOkResponse({
    type: FeeRunPreviewDto,
    description: 'What a run with these dates would raise; nothing is booked or stored',
  })
  @ApiProblems(400, 401, 403, 404, 422)
  previewFeeRun(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateFeeRunDto,
  ) {
    return this.feeRuns.preview(actor, orgId, body);
  }

  @Summary('Beitragslauf ansehen', 'Get a fee run')
  @Get('fee-runs/:id')
  @Roles(...READ)
  @ApiOkResponse({ type: FeeRunDto })
  @ApiProblems(401, 403, 404)
  getFeeRun(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.feeRuns.get(actor, orgId, id);
  }

  @Summary(
    'SEPA-Lastschriftdatei eines Beitragslaufs herunterladen',
    "Download a fee run's SEPA direct-debit file",
  )
  @Get('fee-runs/:id/sepa-file')
  @Roles('treasurer')
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'pain.008.001.08, validated against the official XSD' })
  @ApiProblems(401, 403, 404)
  async sepaFile(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ) {
    const file = await this.feeRuns.sepaFile(actor, orgId, id);
    sendDownload(res, 'application/xml', file.filename, file.content);
  }

  @Summary('Vorabankündigungen eines Beitragslaufs', "A fee run's pre-notifications")
  @Get('fee-runs/:id/pre-notifications')
  @Roles('treasurer', 'staff')
  @ApiOkResponse({ description: 'Per member: amount, collection date, mandate reference' })
  @ApiProblems(401, 403, 404)
  preNotifications(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.feeRuns.preNotifications(actor, orgId, id);
  }

  @Summary('Vorabankündigungen als PDF', 'Pre-notifications as PDF')
  @Get('fee-runs/:id/pre-notifications.pdf')
  @Roles('treasurer', 'staff')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The letters, rendered by the worker' })
  @ApiProblems(401, 403, 404, 409)
  async preNotificationsPdf(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ) {
    sendDownload(
      res,
      'application/pdf',
      `Vorabankuendigungen-${id}.pdf`,
      await this.feeRuns.noticesPdf(actor, orgId, id),
    );
  }

  @Summary('Forderungen auflisten', 'List receivables')
  @Get('receivables')
  @Roles(...READ)
  @ApiOkResponse({ type: ReceivablePageDto })
  @ApiProblems(400, 401, 403, 404)
  listReceivables(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: ReceivableQueryDto,
  ): Promise<Page<unknown>> {
    return this.receivables.list(actor, orgId, q);
  }

  @Summary('Mahnstufen ansehen', 'Get the dunning levels')
  @Get('dunning-levels')
  @Roles(...READ)
  @ApiOkResponse({ type: DunningLevelPageDto })
  @ApiProblems(400, 401, 403, 404)
  dunningLevels(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: PageQueryDto,
  ) {
    return this.dunning.levels(actor, orgId, q);
  }

  @Summary('Mahnstufen festlegen', 'Set the dunning levels')
  @Put('dunning-levels')
  @Roles('treasurer')
  @ApiOkResponse({ type: DunningLevelDto, isArray: true })
  @ApiProblems(400, 401, 403, 404, 422)
  setDunningLevels(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: DunningLevelsDto,
  ) {
    return this.dunning.setLevels(actor, orgId, body);
  }

  @Summary('Mahnlauf starten', 'Run dunning')
  @Post('dunning-runs')
  @Roles('treasurer')
  @ApiCreatedResponse({
    description: 'One notice per member with overdue receivables; letters follow from the worker',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  dunningRun(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateDunningRunDto,
  ) {
    return this.dunning.run(actor, orgId, body);
  }

  @Summary('Mahnläufe auflisten', 'List dunning runs')
  @Get('dunning-runs')
  @Roles(...READ)
  @ApiOkResponse({
    description: 'Dunning runs, newest first (from/to on the run day); notices per run',
  })
  @ApiProblems(400, 401, 403, 404)
  listDunningRuns(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: DatedPageQueryDto,
  ) {
    return this.dunning.list(actor, orgId, q);
  }

  @Summary('Mahnlauf ansehen', 'Get a dunning run')
  @Get('dunning-runs/:id')
  @Roles(...READ)
  @ApiOkResponse({ description: 'The run and its notices' })
  @ApiProblems(401, 403, 404)
  getDunningRun(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.dunning.get(actor, orgId, id);
  }

  @Summary('Mahnschreiben als PDF', 'Dunning letters as PDF')
  @Get('dunning-runs/:id/letters.pdf')
  @Roles('treasurer', 'staff')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The letters, rendered by the worker' })
  @ApiProblems(401, 403, 404, 409)
  async dunningLetters(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ) {
    sendDownload(
      res,
      'application/pdf',
      `Mahnungen-${id}.pdf`,
      await this.dunning.letters(actor, orgId, id),
    );
  }

  @Summary(
    'Kandidaten für den Ausschluss (für den Vorstand)',
    'Candidates for exclusion (for the board)',
  )
  @Get('dunning/exclusion-candidates')
  @Roles('board', 'staff', 'treasurer')
  @ApiOkResponse({
    description: 'Members with open fees past the last dunning level, for the board',
  })
  @ApiProblems(401, 403, 404)
  exclusionCandidates(@CurrentActor() actor: Actor, @Param('orgId', ParseUUIDPipe) orgId: string) {
    return this.dunning.exclusionCandidates(actor, orgId);
  }
}
