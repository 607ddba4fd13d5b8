import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  PageDto,
  PageQueryDto,
  responseSink,
  Roles,
  Summary,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import type { Receipt } from './receipt.repository';
import { ReceiptRunsService } from './receipt-runs.service';
import { ReceiptsService } from './receipts.service';

class IssueReceiptDto {
  @ApiProperty({
    type: String,
    isArray: true,
    description:
      'One donation: single receipt; several money donations of one donor and year: Sammelbestätigung',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  donationIds: string[];
}

class VoidReceiptDto {
  @ApiProperty({ example: 'Anschrift falsch' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
  @ApiPropertyOptional({
    default: false,
    description: 'Issue a replacement for the same donations that refers to this one',
  })
  @IsOptional()
  @IsBoolean()
  reissue?: boolean;
}

class ReceiptQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2999)
  year?: number;
}

class YearQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2999) year: number;
}

class UnreceiptedDto {
  @ApiProperty() donationId: string;
  @ApiProperty() donorId: string;
  @ApiProperty() receivedOn: string;
  @ApiProperty() amountCents: number;
}

class MismatchDto {
  @ApiProperty() receiptId: string;
  @ApiProperty() number: string;
  @ApiProperty() receiptedCents: number;
  @ApiProperty() bookedCents: number;
}

class ReconciliationDto {
  @ApiProperty({ type: UnreceiptedDto, isArray: true }) withoutReceipt: UnreceiptedDto[];
  @ApiProperty({ type: MismatchDto, isArray: true }) mismatched: MismatchDto[];
}

class SendReceiptDto {
  @ApiPropertyOptional({ description: 'Defaults to the donor’s address' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

class DeliveryRequestDto {
  @ApiProperty({ format: 'uuid' }) deliveryId: string;
  @ApiProperty() email: string;
}

class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) sentAt: Date | null;
}

class PdfQueryDto {
  @ApiPropertyOptional({ description: 'A reprint marked "Zweitschrift"' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true)
  @IsBoolean()
  duplicate?: boolean;
}

class ReceiptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-000123' }) number: string;
  @ApiProperty({ enum: ['money', 'in_kind', 'collective'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) donorId: string;
  @ApiProperty() totalCents: number;
  @ApiProperty() issuedOn: string;
  @ApiProperty({ type: String, isArray: true }) donationIds: string[];
  @ApiProperty({ type: String, nullable: true }) replacesReceiptId: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'When the worker attached the PDF' })
  renderedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the stored PDF (hex)' })
  documentSha256: string | null;
  @ApiProperty({ type: Date, nullable: true }) voidedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) voidReason: string | null;
  @ApiProperty({ type: Object, description: 'Everything the receipt prints, frozen at issue' })
  content: object;
}

class ReceiptPageDto extends PageDto(ReceiptDto) {}

class VoidResultDto {
  @ApiProperty({ type: ReceiptDto }) voided: ReceiptDto;
  @ApiProperty({ type: ReceiptDto, nullable: true }) replacement: ReceiptDto | null;
}

const toDto = (r: Receipt): ReceiptDto => ({
  id: r.id,
  number: r.number,
  kind: r.kind,
  donorId: r.donorId,
  totalCents: r.totalCents,
  issuedOn: r.issuedOn,
  donationIds: r.donationIds,
  replacesReceiptId: r.replacesReceiptId,
  renderedAt: r.renderedAt,
  documentSha256: r.documentSha256?.toString('hex') ?? null,
  voidedAt: r.voidedAt,
  voidReason: r.voidReason,
  content: r.content,
});

const READ = ['treasurer', 'staff', 'board', 'admin'] as const;

@ApiTags('receipts')
@ApiBearerAuth()
@Controller('organisations/:orgId/receipts')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  @Summary('Zuwendungsbestätigung ausstellen', 'Issue a donation receipt')
  @Post()
  @Roles('treasurer')
  @ApiCreatedResponse({ type: ReceiptDto, description: 'Numbered now; the worker renders the PDF' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async issue(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: IssueReceiptDto,
  ): Promise<ReceiptDto> {
    return toDto(await this.receipts.issue(actor, orgId, body.donationIds));
  }

  @Summary('Zuwendungsbestätigungen auflisten', 'List donation receipts')
  @Get()
  @Roles(...READ)
  @ApiOkResponse({ type: ReceiptPageDto })
  @ApiProblems(400, 401, 403, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: ReceiptQueryDto,
  ): Promise<Page<ReceiptDto>> {
    const page = await this.receipts.list(actor, orgId, q);
    return { ...page, items: page.items.map(toDto) };
  }

  @Summary('Bestätigungsregister als CSV', 'Receipt register as CSV')
  @Get('register.csv')
  @Roles(...READ)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Receipt register: number, date, donor, amount, kind, status' })
  @ApiProblems(400, 401, 403, 404)
  async register(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: ReceiptQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const csv = await this.receipts.registerCsv(actor, orgId, q.year);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="Zuwendungsbestaetigungen-${q.year ?? 'alle'}.csv"`,
      )
      .send(csv);
  }

  @Summary('Abgleich von Spenden und Bestätigungen', 'Reconcile donations and receipts')
  @Get('reconciliation')
  @Roles(...READ)
  @ApiOkResponse({
    type: ReconciliationDto,
    description: 'Donations without receipt; receipts whose amount differs from the bookings',
  })
  @ApiProblems(400, 401, 403, 404)
  reconciliation(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: YearQueryDto,
  ): Promise<ReconciliationDto> {
    return this.receipts.reconciliation(actor, orgId, q.year);
  }

  @Summary('Zuwendungsbestätigung ansehen', 'Get a donation receipt')
  @Get(':id')
  @Roles(...READ)
  @ApiOkResponse({ type: ReceiptDto })
  @ApiProblems(401, 403, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReceiptDto> {
    return toDto(await this.receipts.get(actor, orgId, id));
  }

  @Summary('Zuwendungsbestätigung als PDF', 'Donation receipt as PDF')
  @Get(':id/pdf')
  @Roles(...READ)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The stored original (or a Zweitschrift)' })
  @ApiProblems(401, 403, 404, 409)
  async pdf(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PdfQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const { number, pdf } = await this.receipts.pdf(actor, orgId, id, q.duplicate ?? false);
    res
      .status(200)
      .type('application/pdf')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="Zuwendungsbestaetigung-${number}${q.duplicate ? '-Zweitschrift' : ''}.pdf"`,
      )
      .send(pdf);
  }

  @Summary('Zuwendungsbestätigung per E-Mail senden', 'Send a donation receipt by e-mail')
  @Post(':id/send')
  @Roles('treasurer')
  @ApiCreatedResponse({
    type: DeliveryRequestDto,
    description: 'Queued; the worker sends it and records the outcome',
  })
  @ApiProblems(400, 401, 403, 404, 422)
  send(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SendReceiptDto,
  ): Promise<DeliveryRequestDto> {
    return this.receipts.send(actor, orgId, id, body.email);
  }

  @Summary('Versand einer Bestätigung nachverfolgen', 'Track the deliveries of a receipt')
  @Get(':id/deliveries')
  @Roles(...READ)
  @ApiOkResponse({ type: DeliveryDto, isArray: true })
  @ApiProblems(401, 403, 404)
  deliveries(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DeliveryDto[]> {
    return this.receipts.deliveries(actor, orgId, id);
  }

  @Summary('Zuwendungsbestätigung stornieren', 'Void a donation receipt')
  @Post(':id/void')
  @Roles('treasurer')
  @ApiCreatedResponse({ type: VoidResultDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async void(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: VoidReceiptDto,
  ): Promise<VoidResultDto> {
    const result = await this.receipts.void(actor, orgId, id, body.reason, body.reissue ?? false);
    return {
      voided: toDto(result.voided),
      replacement: result.replacement && toDto(result.replacement),
    };
  }
}

class StartRunDto {
  @ApiProperty({ example: 2025 }) @IsInt() @Min(2000) @Max(2999) year: number;
  @ApiProperty({
    enum: ['collective', 'single'],
    description: 'One Sammelbestätigung per donor, or one receipt per donation',
  })
  @IsIn(['collective', 'single'])
  kind: 'collective' | 'single';
}

class ReceiptRunQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2999)
  year?: number;
  @ApiPropertyOptional({ enum: ['collective', 'single'] })
  @IsOptional()
  @IsIn(['collective', 'single'])
  kind?: string;
  @ApiPropertyOptional({ enum: ['running', 'finished'] })
  @IsOptional()
  @IsIn(['running', 'finished'])
  status?: string;
}

class RunFailureDto {
  @ApiProperty() donorId: string;
  @ApiProperty({ example: 'DONOR_ADDRESS_INCOMPLETE' }) code: string;
  @ApiProperty() message: string;
}

class ReceiptRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: ['collective', 'single'] }) kind: string;
  @ApiProperty({ enum: ['running', 'finished'] }) status: string;
  @ApiProperty({ description: 'Donors in the run' }) total: number;
  @ApiProperty() done: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: RunFailureDto, isArray: true }) failures: RunFailureDto[];
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) finishedAt: Date | null;
}
class ReceiptRunPageDto extends PageDto(ReceiptRunDto) {}

@ApiTags('receipts')
@ApiBearerAuth()
@Controller('organisations/:orgId/receipt-runs')
export class ReceiptRunsController {
  constructor(private readonly runs: ReceiptRunsService) {}

  @Summary('Bestätigungslauf starten', 'Start a receipt run')
  @Post()
  @Roles('treasurer')
  @ApiCreatedResponse({
    type: ReceiptRunDto,
    description: 'Started; the worker issues the receipts',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  start(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: StartRunDto,
  ): Promise<ReceiptRunDto> {
    return this.runs.start(actor, orgId, body.year, body.kind);
  }

  @Summary('Bestätigungsläufe auflisten', 'List receipt runs')
  @Get()
  @Roles('treasurer', 'staff', 'board', 'admin')
  @ApiOkResponse({ type: ReceiptRunPageDto, description: 'Runs, newest first' })
  @ApiProblems(400, 401, 403, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: ReceiptRunQueryDto,
  ): Promise<Page<ReceiptRunDto>> {
    return this.runs.list(actor, orgId, q);
  }

  @Summary('Alle PDFs eines Bestätigungslaufs als ZIP', 'All PDFs of a receipt run as ZIP')
  @Get(':id/receipts.zip')
  @Roles('treasurer', 'staff', 'board', 'admin')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'Every PDF of a finished run' })
  @ApiProblems(401, 403, 404, 409)
  async zip(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.runs.zip(actor, orgId, id, responseSink(res));
  }

  @Summary(
    'Alle Bestätigungen eines Laufs als ein Druck-PDF',
    'All receipts of a run as one PDF to print',
  )
  @Get(':id/print.pdf')
  @Roles('treasurer', 'staff', 'board', 'admin')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Every receipt of a finished run in one file, to print' })
  @ApiProblems(401, 403, 404, 409)
  async print(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const pdf = await this.runs.printPdf(actor, orgId, id);
    res
      .status(200)
      .type('application/pdf')
      .setHeader('Content-Disposition', `attachment; filename="Zuwendungsbestaetigungen-${id}.pdf"`)
      .send(pdf);
  }

  @Summary('Bestätigungslauf ansehen (Fortschritt)', 'Get a receipt run (progress)')
  @Get(':id')
  @Roles('treasurer', 'staff', 'board', 'admin')
  @ApiOkResponse({ type: ReceiptRunDto, description: 'Progress: total, done, failed with reasons' })
  @ApiProblems(401, 403, 404)
  get(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReceiptRunDto> {
    return this.runs.get(actor, orgId, id);
  }
}
