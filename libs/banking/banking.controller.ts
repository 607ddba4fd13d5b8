import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentActor,
  Roles,
  Summary,
  type Actor,
  UploadFile,
} from '@dachwerk/shared';
import { BankStatementsService } from './bank-statements.service';
import { BankTransactionsService } from './bank-transactions.service';
import {
  BankTransactionDto,
  BankTransactionPageDto,
  BankTransactionQueryDto,
  MatchTransactionDto,
  StatementQueryDto,
} from './dto/banking.dto';

const READ = ['treasurer', 'board', 'admin'] as const;

@ApiTags('banking')
@ApiBearerAuth()
@Controller('organisations/:orgId')
export class BankingController {
  constructor(
    private readonly statements: BankStatementsService,
    private readonly transactions: BankTransactionsService,
  ) {}

  @Summary('Kontoauszug (camt.053) importieren', 'Import a bank statement (camt.053)')
  @Post('bank-statements')
  @Roles('treasurer')
  @UploadFile('bankStatement')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary', description: 'camt.053.001.08 (or .02, .04)' },
      },
    },
  })
  @ApiCreatedResponse({
    description:
      'The imported statements with their transactions, what was matched, and the reconciliation with the books',
  })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  upload(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    return this.statements.upload(
      actor,
      orgId,
      file && { path: file.path, size: file.size },
      file?.originalname,
    );
  }

  @Summary('Kontoauszüge auflisten', 'List bank statements')
  @Get('bank-statements')
  @Roles(...READ)
  @ApiOkResponse({ description: 'Imported statements, newest first' })
  @ApiProblems(400, 401, 403, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: StatementQueryDto,
  ) {
    return this.statements.list(actor, orgId, q);
  }

  @Summary('Kontoauszug ansehen', 'Get a bank statement')
  @Get('bank-statements/:id')
  @Roles(...READ)
  @ApiOkResponse({
    description:
      'A statement with every transaction and the difference between books and closing balance',
  })
  @ApiProblems(401, 403, 404)
  get(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.statements.get(actor, orgId, id);
  }

  @Summary('Bankumsätze auflisten', 'List bank transactions')
  @Get('bank-transactions')
  @Roles(...READ)
  @ApiOkResponse({ type: BankTransactionPageDto })
  @ApiProblems(400, 401, 403, 404)
  transactionsList(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: BankTransactionQueryDto,
  ) {
    return this.transactions.list(actor, orgId, q);
  }

  @Summary(
    'Bankumsatz mit Zuordnungsvorschlägen ansehen',
    'Get a bank transaction with match suggestions',
  )
  @Get('bank-transactions/:id')
  @Roles(...READ)
  @ApiOkResponse({
    description: 'The transaction and, while unmatched, suggestions (members, donors)',
  })
  @ApiProblems(401, 403, 404)
  transaction(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.transactions.get(actor, orgId, id);
  }

  @Summary('Bankumsatz zuordnen', 'Match a bank transaction')
  @Post('bank-transactions/:id/match')
  @Roles('treasurer')
  @ApiCreatedResponse({ type: BankTransactionDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  match(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MatchTransactionDto,
  ) {
    return this.transactions.match(actor, orgId, id, body);
  }
}
