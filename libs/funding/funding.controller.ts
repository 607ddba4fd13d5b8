import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
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
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  DatedPageQueryDto,
  IdempotencyKey,
  PageQueryDto,
  Roles,
  sendDownload,
  Summary,
  type Actor,
  UploadFile,
} from '@dachwerk/shared';
import { ApplicationsService } from './applications.service';
import {
  ClaimQueryDto,
  CreateApplicationDto,
  CreateExpenseClaimDto,
  CreatePayoutRunDto,
  CreateProgrammeDto,
  DecisionDto,
  FundInflowDto,
  FundQueryDto,
  FundTransferDto,
  ProofReportDto,
  RejectDto,
  ReviewDto,
  YearlyFeeDto,
} from './dto/funding.dto';
import { ExpenseClaimsService } from './expense-claims.service';
import { FundingDocumentsService } from './funding-documents.service';
import { FundsService } from './funds.service';
import { PayoutRunsService } from './payout-runs.service';
import { ProgrammesService } from './programmes.service';
import { ProofsOfUseService } from './proofs-of-use.service';

const STATUSES = ['submitted', 'complete', 'returned', 'approved', 'rejected'] as const;

class ApplicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() programmeId?: string;
}
class ProofQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'submitted', 'overdue', 'accepted'] })
  @IsOptional()
  @IsIn(['open', 'submitted', 'overdue', 'accepted'])
  status?: string;
}

const FILE_FIELD = {
  schema: {
    type: 'object',
    properties: {
      file: { type: 'string', format: 'binary', description: 'PDF, JPEG or PNG, at most 10 MB' },
    },
  },
};

/**
 * Pass-through funding. Every route is open to initiative users as far as their own
 * initiatives go (the services decide, answering 404 for anything else); money and
 * decisions need treasurer or board.
 */
@ApiTags('funding')
@ApiBearerAuth()
@Controller('organisations/:orgId')
export class FundingController {
  constructor(
    private readonly funds: FundsService,
    private readonly documents: FundingDocumentsService,
    private readonly programmes: ProgrammesService,
    private readonly applications: ApplicationsService,
    private readonly claims: ExpenseClaimsService,
    private readonly payouts: PayoutRunsService,
    private readonly proofs: ProofsOfUseService,
  ) {}

  @Summary('Fonds einer Initiative ansehen', "Get an initiative's fund")
  @Get('initiatives/:id/fund')
  @ApiOkResponse({
    description:
      'Fund statement: opening, movements (paged), commitments, available, spending deadlines per inflow year',
  })
  @ApiProblems(400, 401, 404)
  fund(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: FundQueryDto,
  ) {
    return this.funds.statement(actor, orgId, id, q);
  }

  @Summary('Zuschuss für eine Initiative buchen', 'Book a grant for an initiative')
  @Post('initiatives/:id/fund/inflows')
  @Roles('treasurer')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({
    description: 'A grant received for the initiative, booked with the administration fee',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  inflow(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FundInflowDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.funds.addInflow(actor, orgId, id, body, key);
  }

  @Summary('Jahrespauschale einer Initiative berechnen', "Charge an initiative's yearly fee")
  @Post('initiatives/:id/fund/yearly-fee')
  @Roles('treasurer')
  @ApiCreatedResponse({
    description: 'The fixed yearly administration fee, charged once per year from the fund',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  yearlyFee(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: YearlyFeeDto,
  ) {
    return this.funds.chargeYearlyFee(actor, orgId, id, body.year);
  }

  @Summary('Geld zwischen Fonds umbuchen', 'Transfer money between funds')
  @Post('fund-transfers')
  @Roles('board')
  @ApiCreatedResponse({ description: 'Money moved between two funds by board decision' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  transfer(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: FundTransferDto,
  ) {
    return this.funds.transfer(actor, orgId, body);
  }

  @Summary('Spenden an eine Initiative auflisten', 'List donations to an initiative')
  @Get('initiatives/:id/donations')
  @ApiOkResponse({
    description: 'Donations to the initiative; donor names only where the donor consented',
  })
  @ApiProblems(400, 401, 404)
  initiativeDonations(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ) {
    return this.funds.donations(actor, orgId, id, q);
  }

  @Summary('Dokument einer Initiative hochladen', 'Upload a document of an initiative')
  @Post('initiatives/:id/documents')
  @UploadFile('document')
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_FIELD)
  @ApiCreatedResponse({ description: 'The stored document with its SHA-256' })
  @ApiProblems(400, 401, 404, 413, 415)
  upload(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    return this.documents.upload(actor, orgId, id, file?.buffer, file?.originalname);
  }

  @Summary('Dokument herunterladen', 'Download a document')
  @Get('documents/:id')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The document as uploaded' })
  @ApiProblems(401, 404)
  async document(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ) {
    const doc = await this.documents.download(actor, orgId, id);
    sendDownload(res, doc.contentType, doc.filename, doc.content);
  }

  @Summary('Förderprogramme auflisten', 'List funding programmes')
  @Get('programmes')
  @ApiOkResponse({ description: 'Funding programmes with budget, criteria and what is reserved' })
  @ApiProblems(401, 404)
  listProgrammes(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: PageQueryDto,
  ) {
    return this.programmes.list(actor, orgId, q);
  }

  @Summary('Förderprogramm anlegen', 'Create a funding programme')
  @Post('programmes')
  @Roles('board', 'staff')
  @ApiCreatedResponse({ description: 'The programme' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  createProgramme(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateProgrammeDto,
  ) {
    return this.programmes.create(actor, orgId, body);
  }

  @Summary('Förderprogramm ansehen', 'Get a funding programme')
  @Get('programmes/:id')
  @ApiOkResponse({ description: 'The programme' })
  @ApiProblems(401, 404)
  programme(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.programmes.get(actor, orgId, id);
  }

  @Summary('Förderanträge auflisten', 'List funding applications')
  @Get('applications')
  @ApiOkResponse({
    description: 'Applications (initiative users: their own), with weighted scores',
  })
  @ApiProblems(400, 401, 404)
  listApplications(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: ApplicationQueryDto,
  ) {
    return this.applications.list(actor, orgId, q);
  }

  @Summary('Förderantrag einreichen', 'Submit a funding application')
  @Post('applications')
  @Roles('initiative', 'staff')
  @ApiCreatedResponse({ description: 'The submitted application' })
  @ApiProblems(400, 401, 403, 404, 422)
  submit(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateApplicationDto,
  ) {
    return this.applications.submit(actor, orgId, body);
  }

  @Summary('Förderantrag ansehen', 'Get a funding application')
  @Get('applications/:id')
  @ApiOkResponse({
    description: 'The application with cost plan, reviews, weighted score and decisions',
  })
  @ApiProblems(401, 404)
  application(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.applications.get(actor, orgId, id);
  }

  @Summary('Überarbeiteten Antrag erneut einreichen', 'Resubmit a returned application')
  @Put('applications/:id')
  @Roles('initiative', 'staff')
  @ApiOkResponse({ description: 'A returned application, changed and submitted again' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  resubmit(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateApplicationDto,
  ) {
    return this.applications.resubmit(actor, orgId, id, body);
  }

  @Summary('Antrag als vollständig an die Prüfung geben', 'Mark an application complete for review')
  @Post('applications/:id/complete')
  @Roles('staff')
  @ApiCreatedResponse({ description: 'Checked for completeness: goes to the reviewers' })
  @ApiProblems(401, 403, 404, 409)
  complete(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.applications.markComplete(actor, orgId, id);
  }

  @Summary('Antrag bewerten', 'Review an application')
  @Post('applications/:id/reviews')
  @Roles('board', 'staff')
  @ApiCreatedResponse({ description: 'A score per criterion, or a declared conflict of interest' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  review(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReviewDto,
  ) {
    return this.applications.review(actor, orgId, id, body);
  }

  @Summary('Über einen Antrag entscheiden', 'Decide on an application')
  @Post('applications/:id/decisions')
  @Roles('board')
  @ApiCreatedResponse({
    description:
      'Approve (two different board members, with the resolution), reject, or return for changes',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  decide(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecisionDto,
  ) {
    return this.applications.decide(actor, orgId, id, body);
  }

  @Summary('Abrechnungen und Rechnungen auflisten', 'List expense claims')
  @Get('expense-claims')
  @ApiOkResponse({ description: 'Expense claims and invoices (initiative users: their own)' })
  @ApiProblems(400, 401, 404)
  listClaims(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: ClaimQueryDto,
  ) {
    return this.claims.list(actor, orgId, q);
  }

  @Summary('Abrechnung einreichen', 'Submit an expense claim')
  @Post('expense-claims')
  @Roles('initiative', 'staff', 'treasurer')
  @ApiCreatedResponse({ description: 'The submitted claim' })
  @ApiProblems(400, 401, 403, 404, 422)
  createClaim(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateExpenseClaimDto,
  ) {
    return this.claims.create(actor, orgId, body);
  }

  @Summary('Abrechnung ansehen', 'Get an expense claim')
  @Get('expense-claims/:id')
  @ApiOkResponse({ description: 'The claim' })
  @ApiProblems(401, 404)
  claim(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.claims.get(actor, orgId, id);
  }

  @Summary('Abrechnung freigeben', 'Approve an expense claim')
  @Post('expense-claims/:id/approve')
  @Roles('treasurer')
  @ApiCreatedResponse({
    description:
      'Approved and booked against the fund (409 FUND_INSUFFICIENT when it cannot cover it)',
  })
  @ApiProblems(401, 403, 404, 409)
  approve(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.claims.approve(actor, orgId, id);
  }

  @Summary('Abrechnung ablehnen', 'Reject an expense claim')
  @Post('expense-claims/:id/reject')
  @Roles('treasurer')
  @ApiCreatedResponse({ description: 'Rejected with a reason' })
  @ApiProblems(400, 401, 403, 404, 409)
  reject(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RejectDto,
  ) {
    return this.claims.reject(actor, orgId, id, body.reason);
  }

  @Summary(
    'Auszahlungslauf erstellen (SEPA-Überweisungen)',
    'Create a payout run (SEPA credit transfers)',
  )
  @Post('payout-runs')
  @Roles('treasurer')
  @ApiCreatedResponse({
    description: 'Every approved claim in one pain.001.001.09, validated against the XSD',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  payoutRun(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreatePayoutRunDto,
  ) {
    return this.payouts.create(actor, orgId, body.executionDate);
  }

  @Summary('Auszahlungsläufe auflisten', 'List payout runs')
  @Get('payout-runs')
  @Roles('treasurer', 'board', 'admin')
  @ApiOkResponse({ description: 'Payout runs, newest execution date first (from/to on it)' })
  @ApiProblems(400, 401, 403, 404)
  listPayoutRuns(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: DatedPageQueryDto,
  ) {
    return this.payouts.list(actor, orgId, q);
  }

  @Summary('Auszahlungslauf ansehen', 'Get a payout run')
  @Get('payout-runs/:id')
  @Roles('treasurer', 'board', 'admin')
  @ApiOkResponse({ description: 'The payout run' })
  @ApiProblems(401, 403, 404)
  getPayoutRun(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.payouts.get(actor, orgId, id);
  }

  @Summary('SEPA-Datei eines Auszahlungslaufs herunterladen', "Download a payout run's SEPA file")
  @Get('payout-runs/:id/sepa-file')
  @Roles('treasurer')
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'pain.001.001.09' })
  @ApiProblems(401, 403, 404)
  async payoutFile(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ) {
    const file = await this.payouts.sepaFile(actor, orgId, id);
    sendDownload(res, 'application/xml', file.filename, file.content);
  }

  @Summary('Verwendungsnachweise auflisten', 'List proofs of use')
  @Get('proofs-of-use')
  @ApiOkResponse({ description: 'Proofs of use: the board sees all, initiatives their own' })
  @ApiProblems(400, 401, 404)
  listProofs(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: ProofQueryDto,
  ) {
    return this.proofs.list(actor, orgId, q);
  }

  @Summary('Verwendungsnachweis ansehen', 'Get a proof of use')
  @Get('proofs-of-use/:applicationId')
  @ApiOkResponse({
    description:
      'Financial part (plan vs actual per cost line, own share, receipts) and the report',
  })
  @ApiProblems(401, 404)
  proof(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('applicationId', ParseUUIDPipe) id: string,
  ) {
    return this.proofs.get(actor, orgId, id);
  }

  @Summary('Verwendungsnachweis einreichen', 'Hand in a proof of use')
  @Post('proofs-of-use/:applicationId/report')
  @Roles('initiative', 'staff')
  @ApiCreatedResponse({ description: 'The short report; the proof is handed in' })
  @ApiProblems(400, 401, 403, 404, 409)
  report(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('applicationId', ParseUUIDPipe) id: string,
    @Body() body: ProofReportDto,
  ) {
    return this.proofs.submitReport(actor, orgId, id, body.report);
  }

  @Summary('Verwendungsnachweis annehmen', 'Accept a proof of use')
  @Post('proofs-of-use/:applicationId/accept')
  @Roles('staff', 'board')
  @ApiCreatedResponse({ description: 'Accepted' })
  @ApiProblems(401, 403, 404, 409)
  accept(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('applicationId', ParseUUIDPipe) id: string,
  ) {
    return this.proofs.accept(actor, orgId, id);
  }
}
