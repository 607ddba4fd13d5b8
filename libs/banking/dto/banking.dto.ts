import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  Matches,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { DatedPageQueryDto, PageDto, PageQueryDto } from '@dachwerk/shared';

export class StatementQueryDto extends DatedPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only statements of this bank account' })
  @IsOptional()
  @IsUUID()
  bankAccountId?: string;
}

export class BankTransactionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['unmatched', 'matched', 'ignored'] })
  @IsOptional()
  @IsIn(['unmatched', 'matched', 'ignored'])
  status?: 'unmatched' | 'matched' | 'ignored';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() statementId?: string;
  @ApiPropertyOptional({
    description:
      'Words in name, IBAN, remittance or reference; umlauts and accents folded (Ue = Ü)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class BankTransactionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) statementId: string;
  @ApiProperty() entryNo: number;
  @ApiProperty() txNo: number;
  @ApiProperty({ description: 'Credit positive, debit negative' }) amountCents: number;
  @ApiProperty() bookedOn: string;
  @ApiProperty({ type: Number, nullable: true }) originalAmountCents: number | null;
  @ApiProperty({ type: String, nullable: true }) originalCurrency: string | null;
  @ApiProperty() chargesCents: number;
  @ApiProperty({ type: String, nullable: true }) endToEndId: string | null;
  @ApiProperty({ type: String, nullable: true }) mandateRef: string | null;
  @ApiProperty({ type: String, nullable: true }) paymentInfoId: string | null;
  @ApiProperty({ type: String, nullable: true }) counterpartyName: string | null;
  @ApiProperty({ type: String, nullable: true }) counterpartyIban: string | null;
  @ApiProperty({ type: String, nullable: true }) remittance: string | null;
  @ApiProperty({ type: String, nullable: true }) returnReason: string | null;
  @ApiProperty({ enum: ['unmatched', 'matched', 'ignored'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) matchedAs: string | null;
  @ApiProperty({ type: String, nullable: true }) journalEntryId: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}
export class BankTransactionPageDto extends PageDto(BankTransactionDto) {}

const KINDS = ['receivables', 'return', 'donation', 'account', 'transit', 'ignore'] as const;

/** How a person resolves an unmatched transaction. */
export class MatchTransactionDto {
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind: (typeof KINDS)[number];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'kind=return: the collected receivable this debit returns; it is open again, the bank charge passed on',
  })
  @ValidateIf((o: MatchTransactionDto) => o.kind === 'return')
  @IsUUID()
  receivableId?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'kind=receivables: the receivables this credit pays (sum = amount)',
  })
  @ValidateIf((o: MatchTransactionDto) => o.kind === 'receivables')
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  receivableIds?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'kind=transit: the journal entry of the hand booking on Geldtransit this line settles (see suggestions)',
  })
  @ValidateIf((o: MatchTransactionDto) => o.kind === 'transit')
  @IsUUID()
  transitEntryId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'kind=donation: the donor' })
  @ValidateIf((o: MatchTransactionDto) => o.kind === 'donation')
  @IsUUID()
  donorId?: string;
  @ApiPropertyOptional({ enum: ['general', 'purpose', 'initiative'], default: 'general' })
  @IsOptional()
  @IsIn(['general', 'purpose', 'initiative'])
  earmark?: 'general' | 'purpose' | 'initiative';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) earmarkPurpose?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'kind=donation, earmark=initiative: the initiative',
  })
  @IsOptional()
  @IsUUID()
  initiativeId?: string;

  @ApiPropertyOptional({ description: 'kind=account: the contra account (SKR 42)' })
  @ValidateIf((o: MatchTransactionDto) => o.kind === 'account')
  @IsInt()
  @Min(1)
  @Max(99999999)
  account?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 4 }) @IsOptional() @IsInt() @Min(1) @Max(4) sphere?:
    1 | 2 | 3 | 4;
  @ApiPropertyOptional({
    example: 'INI-GARTEN',
    description: 'kind=account: the cost centre (KOST2) of the contra line',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,36}$/)
  costCentre?: string;

  @ApiPropertyOptional({
    description: 'Booking text, or why the transaction is ignored (kind=ignore)',
  })
  @ValidateIf((o: MatchTransactionDto) => o.kind === 'ignore')
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  note?: string;
}
