import {
  Body,
  Controller,
  Get,
  Param,
  ParseIntPipe,
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
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  IdempotencyKey,
  PageQueryDto,
  responseSink,
  Roles,
  Summary,
  type Actor,
  type Page,
  UploadFile,
} from '@dachwerk/shared';
import {
  AccountDto,
  AccountLedgerDto,
  CloseYearResponseDto,
  CreateAccountDto,
  CreateEntryDto,
  CreateFiscalYearDto,
  DatevExportQueryDto,
  EntryDto,
  AccountPageDto,
  EntryPageDto,
  FiscalYearPageDto,
  EntryQueryDto,
  FiscalYearDto,
  IncomeStatementDto,
  IncomeStatementQueryDto,
  InstallChartDto,
  InstalledDto,
  LedgerSettingsDto,
  OpeningBalancesDto,
  RangeQueryDto,
  ReclassifyDto,
  ReverseEntryDto,
  TrialBalanceDto,
  UpdateAccountDto,
  VerifyDto,
} from './dto/ledger.dto';
import { LedgerExportService } from './ledger-export.service';
import { LedgerReportsService } from './ledger-reports.service';
import { LedgerService } from './ledger.service';

const READ = ['treasurer', 'board', 'staff', 'admin'] as const;

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('organisations/:orgId/ledger')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly reports: LedgerReportsService,
    private readonly exports: LedgerExportService,
  ) {}

  @Summary('Kontenplan auflisten', 'List the chart of accounts')
  @Get('accounts')
  @Roles(...READ)
  @ApiOkResponse({ type: AccountPageDto, description: 'The chart of accounts' })
  @ApiProblems(400, 401, 403, 404)
  accounts(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<AccountDto>> {
    return this.ledger.listAccounts(actor, orgId, q);
  }

  @Summary('Konto anlegen', 'Add an account')
  @Post('accounts')
  @Roles('admin', 'treasurer')
  @ApiCreatedResponse({ type: AccountDto })
  @ApiProblems(400, 401, 403, 404, 409)
  addAccount(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateAccountDto,
  ): Promise<AccountDto> {
    return this.ledger.addAccount(actor, orgId, body);
  }

  @Summary('Konto ändern', 'Update an account')
  @Patch('accounts/:number')
  @Roles('admin', 'treasurer')
  @ApiOkResponse({ type: AccountDto })
  @ApiProblems(400, 401, 403, 404)
  updateAccount(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('number', ParseIntPipe) number: number,
    @Body() body: UpdateAccountDto,
  ): Promise<AccountDto> {
    return this.ledger.updateAccount(actor, orgId, number, body);
  }

  @Summary(
    'Saldo eines Kontos auf sein Nachfolgekonto umbuchen',
    "Reclassify an account's balance to its successor",
  )
  @Post('accounts/:number/reclassify')
  @Roles('treasurer')
  @ApiCreatedResponse({
    type: EntryDto,
    description:
      'Umbuchung: moves what an account of an old chart holds in the fiscal year onto its SKR 42 successor',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiProblems(400, 401, 403, 404, 409)
  reclassify(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('number', ParseIntPipe) number: number,
    @Body() body: ReclassifyDto,
    @IdempotencyKey() key?: string,
  ): Promise<EntryDto> {
    return this.ledger.reclassify(actor, orgId, number, body.bookedOn, key);
  }

  @Summary('Kontenrahmen-Vorlage einrichten', 'Install a chart of accounts template')
  @Post('chart')
  @Roles('admin', 'treasurer')
  @ApiCreatedResponse({
    type: InstalledDto,
    description: 'Adds the template’s accounts that are missing',
  })
  @ApiProblems(400, 401, 403, 404)
  installChart(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: InstallChartDto,
  ): Promise<InstalledDto> {
    return this.ledger.installChart(actor, orgId, body.template);
  }

  @Summary('Buchhaltungseinstellungen ansehen', 'Get the ledger settings')
  @Get('settings')
  @Roles(...READ)
  @ApiOkResponse({ type: LedgerSettingsDto })
  @ApiProblems(401, 403, 404)
  settings(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<LedgerSettingsDto> {
    return this.ledger.getSettings(actor, orgId);
  }

  @Summary('Buchhaltungseinstellungen ändern', 'Update the ledger settings')
  @Put('settings')
  @Roles('admin', 'treasurer')
  @ApiOkResponse({ type: LedgerSettingsDto })
  @ApiProblems(400, 401, 403, 404)
  updateSettings(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: LedgerSettingsDto,
  ): Promise<LedgerSettingsDto> {
    return this.ledger.updateSettings(actor, orgId, body);
  }

  @Summary('Geschäftsjahre auflisten', 'List fiscal years')
  @Get('fiscal-years')
  @Roles(...READ)
  @ApiOkResponse({ type: FiscalYearPageDto })
  @ApiProblems(400, 401, 403, 404)
  fiscalYears(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<FiscalYearDto>> {
    return this.ledger.listFiscalYears(actor, orgId, q);
  }

  @Summary('Geschäftsjahr anlegen', 'Create a fiscal year')
  @Post('fiscal-years')
  @Roles('treasurer')
  @ApiCreatedResponse({ type: FiscalYearDto })
  @ApiProblems(400, 401, 403, 404, 409)
  createFiscalYear(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateFiscalYearDto,
  ): Promise<FiscalYearDto> {
    return this.ledger.createFiscalYear(actor, orgId, body.startsOn, body.endsOn);
  }

  @Summary('Periode festschreiben', 'Close a period')
  @Post('fiscal-years/:id/periods/:periodNo/close')
  @Roles('treasurer')
  @ApiCreatedResponse({
    type: FiscalYearDto,
    description: 'Festschreibung of one period; cannot be undone',
  })
  @ApiProblems(401, 403, 404)
  closePeriod(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('periodNo', ParseIntPipe) periodNo: number,
  ): Promise<FiscalYearDto> {
    return this.ledger.closePeriod(actor, orgId, id, periodNo);
  }

  @Summary('Geschäftsjahr abschließen', 'Close a fiscal year')
  @Post('fiscal-years/:id/close')
  @Roles('treasurer')
  @ApiCreatedResponse({
    type: CloseYearResponseDto,
    description: 'Closes every period and carries balances forward',
  })
  @ApiProblems(401, 403, 404, 409, 422)
  closeYear(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CloseYearResponseDto> {
    return this.ledger.closeYear(actor, orgId, id);
  }

  @Summary('Eröffnungssalden buchen', 'Book opening balances')
  @Post('fiscal-years/:id/opening-balances')
  @Roles('treasurer')
  @ApiCreatedResponse({ type: EntryDto })
  @ApiProblems(400, 401, 403, 404, 422)
  openingBalances(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OpeningBalancesDto,
  ): Promise<EntryDto> {
    return this.ledger.postOpeningBalances(actor, orgId, id, body.lines);
  }

  @Summary('Eröffnungssalden aus CSV buchen', 'Book opening balances from a CSV')
  @Post('fiscal-years/:id/opening-balances.csv')
  @Roles('treasurer')
  @UploadFile('openingBalances')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary', description: 'Konto;Soll;Haben' } },
    },
  })
  @ApiCreatedResponse({
    type: EntryDto,
    description: 'One opening entry; a file with errors imports nothing',
  })
  @ApiProblems(400, 401, 403, 404, 422)
  importOpeningBalances(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<EntryDto> {
    return this.ledger.importOpeningBalancesCsv(actor, orgId, id, file?.buffer);
  }

  @Summary('Journal auflisten', 'List journal entries')
  @Get('entries')
  @Roles(...READ)
  @ApiOkResponse({ type: EntryPageDto, description: 'The journal, by booking date and number' })
  @ApiProblems(400, 401, 403, 404)
  entries(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: EntryQueryDto,
  ): Promise<Page<EntryDto>> {
    return this.ledger.listEntries(actor, orgId, query);
  }

  @Summary('Buchung erfassen', 'Post a journal entry')
  @Post('entries')
  @Roles('treasurer')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key and body returns the first answer',
  })
  @ApiCreatedResponse({ type: EntryDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  post(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateEntryDto,
    @IdempotencyKey() key?: string,
  ): Promise<EntryDto> {
    return this.ledger.postManual(actor, orgId, body, key);
  }

  @Summary('Buchung ansehen', 'Get a journal entry')
  @Get('entries/:id')
  @Roles(...READ)
  @ApiOkResponse({ type: EntryDto })
  @ApiProblems(401, 403, 404)
  entry(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EntryDto> {
    return this.ledger.getEntry(actor, orgId, id);
  }

  @Summary('Buchung stornieren', 'Reverse a journal entry')
  @Post('entries/:id/reverse')
  @Roles('treasurer')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: EntryDto, description: 'The reversal (Storno) entry' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  reverse(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReverseEntryDto,
    @IdempotencyKey() key?: string,
  ): Promise<EntryDto> {
    return this.ledger.reverseManual(actor, orgId, id, body, key);
  }

  @Summary('Summen- und Saldenliste', 'Trial balance')
  @Get('trial-balance')
  @Roles(...READ)
  @ApiOkResponse({ type: TrialBalanceDto, description: 'Summen- und Saldenliste' })
  @ApiProblems(400, 401, 403, 404)
  trialBalance(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: RangeQueryDto,
  ): Promise<TrialBalanceDto> {
    return this.reports.trialBalance(actor, orgId, q.from, q.to);
  }

  @Summary('Kontoblatt', 'Account ledger')
  @Get('accounts/:number/ledger')
  @Roles(...READ)
  @ApiOkResponse({ type: AccountLedgerDto, description: 'Kontoblatt with running balance' })
  @ApiProblems(400, 401, 403, 404)
  accountLedger(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('number', ParseIntPipe) number: number,
    @Query() q: RangeQueryDto,
  ): Promise<AccountLedgerDto> {
    return this.reports.accountLedger(actor, orgId, number, q.from, q.to);
  }

  @Summary(
    'Einnahmen-Überschuss-Rechnung nach Sphären oder Kostenstellen',
    'Income statement by sphere or cost centre',
  )
  @Get('income-statement')
  @Roles(...READ)
  @ApiOkResponse({
    type: IncomeStatementDto,
    description: 'Income and expense per sphere (EÜR) or cost centre',
  })
  @ApiProblems(400, 401, 403, 404)
  incomeStatement(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: IncomeStatementQueryDto,
  ): Promise<IncomeStatementDto> {
    return this.reports.incomeStatement(actor, orgId, q.from, q.to, q.by);
  }

  @Summary('Journal auf Unveränderbarkeit prüfen', "Verify the journal's integrity")
  @Get('verify')
  @Roles(...READ)
  @ApiOkResponse({ type: VerifyDto, description: 'Recomputes the hash chains and numbering' })
  @ApiProblems(401, 403, 404)
  verify(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<VerifyDto> {
    return this.reports.verify(actor, orgId);
  }

  @Summary('DATEV-Buchungsstapel exportieren', 'Export a DATEV booking batch')
  @Get('exports/datev')
  @Roles(...READ)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'DATEV EXTF 700 Buchungsstapel, format version 13, all 125 columns (Windows-1252, CRLF), streamed',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  async datev(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: DatevExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    await this.exports.datev(actor, orgId, q.from, q.to, responseSink(res), {
      openingBalances: q.openingBalances,
    });
  }

  @Summary('Journal als CSV exportieren', 'Export the journal as CSV')
  @Get('exports/journal.csv')
  @Roles(...READ)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The journal, one row per line (UTF-8, `;`), streamed' })
  @ApiProblems(400, 401, 403, 404)
  async journalCsv(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: RangeQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    await this.exports.journalCsv(actor, orgId, q.from, q.to, responseSink(res));
  }
}
