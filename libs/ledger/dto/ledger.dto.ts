import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageDto, PageQueryDto, IsAmountCents } from '@dachwerk/shared';
import { ACCOUNT_TYPES, SPHERES, type AccountType, type Side, type Sphere } from '../ledger.types';

const DATE = { strict: true, strictSeparator: true };

export class LineDto {
  @ApiProperty({ example: 18000 })
  @IsInt()
  @Min(1)
  @Max(99999999)
  account: number;

  @ApiProperty({ enum: ['debit', 'credit'] })
  @IsIn(['debit', 'credit'])
  side: Side;

  // No @Min here: a zero or negative amount is a booking rule (AMOUNT_NOT_POSITIVE), not a type error.
  @ApiProperty({ example: 12000, description: 'Positive whole cents' })
  @IsAmountCents()
  amountCents: number;

  @ApiPropertyOptional({
    enum: SPHERES,
    description: 'KOST1; defaults to the account’s only sphere or the entry’s',
  })
  @IsOptional()
  @IsIn(SPHERES)
  sphere?: Sphere;

  @ApiPropertyOptional({ example: 'INI-GARTEN', description: 'KOST2, e.g. an initiative' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,36}$/, {
    message: 'costCentre must be 1 to 36 letters, digits, _ or -',
  })
  costCentre?: string;
}

export class CreateEntryDto {
  @ApiProperty({ example: '2026-03-14' }) @IsISO8601(DATE) bookedOn: string;
  @ApiProperty({ example: '2026-03-12' }) @IsISO8601(DATE) documentOn: string;

  @ApiProperty({ example: 'RE-2026-031', description: 'Belegnummer, ≤ 36 characters' })
  @IsString()
  @MinLength(1)
  @MaxLength(36)
  documentNo: string;

  @ApiProperty({
    example: 'Büromaterial März',
    description: 'Buchungstext, ≤ 60 characters (DATEV)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  text: string;

  @ApiPropertyOptional({ description: 'Longer description, kept with the entry' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ type: LineDto, isArray: true })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines: LineDto[];
}

export class ReverseEntryDto {
  @ApiPropertyOptional({ example: '2026-03-20', description: 'Defaults to today' })
  @IsOptional()
  @IsISO8601(DATE)
  bookedOn?: string;

  @ApiPropertyOptional({ description: 'Defaults to "Storno Nr. <n>: <text>"' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  text?: string;
}

export class PostedLineDto {
  @ApiProperty() lineNo: number;
  @ApiProperty() account: number;
  @ApiProperty({ enum: ['debit', 'credit'] }) side: Side;
  @ApiProperty() amountCents: number;
  @ApiProperty({ enum: SPHERES }) sphere: Sphere;
  @ApiProperty({ type: String, nullable: true }) costCentre: string | null;
}

export class EntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fiscalYearId: string;
  @ApiProperty({ description: 'Gapless per organisation and fiscal year' }) entryNumber: number;
  @ApiProperty() bookedOn: string;
  @ApiProperty() documentOn: string;
  @ApiProperty() documentNo: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ example: 'manual' }) source: string;
  @ApiProperty({ type: String, nullable: true }) sourceId: string | null;
  @ApiProperty({ type: String, nullable: true }) reversesEntryId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reversedByEntryId?: string | null;
  @ApiProperty() totalCents: number;
  @ApiProperty({ type: String, nullable: true }) postedBy: string | null;
  @ApiProperty() postedAt: Date;
  @ApiProperty({ description: 'SHA-256 (hex) over the content and the previous entry’s hash' })
  hash: string;
  @ApiProperty({ type: PostedLineDto, isArray: true }) lines: PostedLineDto[];
}

export class EntryPageDto extends PageDto(EntryDto) {}

export class EntryQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) to?: string;
  @ApiPropertyOptional({ example: 'donation' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{1,39}$/)
  source?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) sourceId?: string;
}

export class RangeQueryDto {
  @ApiProperty({ example: '2026-01-01' }) @IsISO8601(DATE) from: string;
  @ApiProperty({ example: '2026-12-31' }) @IsISO8601(DATE) to: string;
}

export class IncomeStatementQueryDto extends RangeQueryDto {
  @ApiPropertyOptional({ enum: ['sphere', 'costCentre'], default: 'sphere' })
  @IsOptional()
  @IsIn(['sphere', 'costCentre'])
  by: 'sphere' | 'costCentre' = 'sphere';
}

export class DatevExportQueryDto extends RangeQueryDto {
  @ApiPropertyOptional({
    enum: ['include', 'omit'],
    default: 'include',
    description:
      'Opening balances against the Saldenvortrag account (90000), or left out when DATEV carries them forward',
  })
  @IsOptional()
  @IsIn(['include', 'omit'])
  openingBalances: 'include' | 'omit' = 'include';
}

export class AutomaticVatDto {
  @ApiProperty({ example: 1900 }) rateBasisPoints: number;
  @ApiProperty({ example: 38060, description: 'The account the tax goes to' }) taxAccount: number;
}

export class AccountDto {
  @ApiProperty() number: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES }) type: AccountType;
  @ApiProperty({ enum: SPHERES, isArray: true, description: 'Allowed spheres; empty = all' })
  spheres: Sphere[];
  @ApiProperty() isActive: boolean;
  @ApiProperty({
    type: AutomaticVatDto,
    nullable: true,
    description: 'An automatic VAT account (DATEV AM/AV): each line needs its tax in the entry',
  })
  vat: AutomaticVatDto | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'An account of an old chart that SKR 42 gives another meaning: its successor',
  })
  supersededBy: number | null;
}

export class ReclassifyDto {
  @ApiProperty({
    example: '2026-12-31',
    description: 'Booking day; the fiscal year up to it moves',
  })
  @IsISO8601(DATE)
  bookedOn: string;
}
export class AccountPageDto extends PageDto(AccountDto) {}

export class CreateAccountDto {
  @ApiProperty({ example: 67150 }) @IsInt() @Min(1) @Max(99999999) number: number;
  @ApiProperty({ example: 'Projektausgaben Nachbarschaftsfest' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES }) @IsIn(ACCOUNT_TYPES) type: AccountType;
  @ApiPropertyOptional({ enum: SPHERES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SPHERES, { each: true })
  spheres?: Sphere[];
}

export class UpdateAccountDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
  @ApiPropertyOptional({ enum: SPHERES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SPHERES, { each: true })
  spheres?: Sphere[];
}

export class InstallChartDto {
  @ApiPropertyOptional({ default: 'skr42' })
  @IsOptional()
  @Matches(/^[a-z0-9-]+$/)
  template?: string;
}

export class CreateFiscalYearDto {
  @ApiProperty({ example: '2026-01-01' }) @IsISO8601(DATE) startsOn: string;
  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Defaults to one year after startsOn',
  })
  @IsOptional()
  @IsISO8601(DATE)
  endsOn?: string;
}

export class FiscalPeriodDto {
  @ApiProperty() periodNo: number;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty({ type: Date, nullable: true }) closedAt: Date | null;
}

export class FiscalYearDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty({ type: Date, nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: FiscalPeriodDto, isArray: true }) periods: FiscalPeriodDto[];
}
export class FiscalYearPageDto extends PageDto(FiscalYearDto) {}

export class CloseYearResponseDto {
  @ApiProperty({ type: FiscalYearDto }) year: FiscalYearDto;
  @ApiProperty({ type: EntryDto, nullable: true }) openingEntry: EntryDto | null;
}

export class OpeningBalanceLineDto {
  @ApiProperty() @IsInt() @Min(1) @Max(99999999) account: number;
  @ApiProperty({ enum: ['debit', 'credit'] }) @IsIn(['debit', 'credit']) side: Side;
  @ApiProperty() @IsAmountCents({ min: 1 }) amountCents: number;
}

export class OpeningBalancesDto {
  @ApiProperty({ type: OpeningBalanceLineDto, isArray: true })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OpeningBalanceLineDto)
  lines: OpeningBalanceLineDto[];
}

export class LedgerSettingsDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 29098,
    description: 'DATEV Beraternummer',
  })
  @IsOptional()
  @IsInt()
  @Min(1001)
  @Max(9999999)
  datevConsultantNumber?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 55003,
    description: 'DATEV Mandantennummer',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99999)
  datevClientNumber?: number | null;

  @ApiPropertyOptional({ example: 5, description: 'Sachkontenlänge' })
  @IsOptional()
  @IsInt()
  @Min(4)
  @Max(8)
  accountLength?: number;
}

export class TrialBalanceRowDto {
  @ApiProperty() number: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES }) type: AccountType;
  @ApiProperty() debitCents: number;
  @ApiProperty() creditCents: number;
  @ApiProperty({ description: 'debit − credit' }) balanceCents: number;
}

export class TotalsDto {
  @ApiProperty() debitCents: number;
  @ApiProperty() creditCents: number;
}

export class TrialBalanceDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: TrialBalanceRowDto, isArray: true }) accounts: TrialBalanceRowDto[];
  @ApiProperty({ type: TotalsDto }) totals: TotalsDto;
}

export class AccountLedgerLineDto {
  @ApiProperty() entryId: string;
  @ApiProperty() entryNumber: number;
  @ApiProperty() bookedOn: string;
  @ApiProperty() documentNo: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['debit', 'credit'] }) side: Side;
  @ApiProperty() amountCents: number;
  @ApiProperty() sphere: number;
  @ApiProperty({ type: String, nullable: true }) costCentre: string | null;
  @ApiProperty({ description: 'Running balance (debit − credit) after this line' })
  balanceCents: number;
}

export class AccountRefDto {
  @ApiProperty() number: number;
  @ApiProperty() name: string;
}

export class AccountLedgerDto {
  @ApiProperty({ type: AccountRefDto }) account: AccountRefDto;
  @ApiProperty() openingBalanceCents: number;
  @ApiProperty({ type: AccountLedgerLineDto, isArray: true }) lines: AccountLedgerLineDto[];
  @ApiProperty() closingBalanceCents: number;
}

export class IncomeStatementAccountDto {
  @ApiProperty() number: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['income', 'expense'] }) type: 'income' | 'expense';
  @ApiProperty() amountCents: number;
}

export class IncomeStatementGroupDto {
  @ApiProperty({ description: 'Sphere 1–4, or the cost centre ("" = none)' }) key: string;
  @ApiProperty() incomeCents: number;
  @ApiProperty() expenseCents: number;
  @ApiProperty() resultCents: number;
  @ApiProperty({ type: IncomeStatementAccountDto, isArray: true })
  accounts: IncomeStatementAccountDto[];
}

export class IncomeStatementDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: ['sphere', 'costCentre'] }) by: string;
  @ApiProperty({ type: IncomeStatementGroupDto, isArray: true }) groups: IncomeStatementGroupDto[];
  @ApiProperty({ type: String, isArray: true }) warnings: string[];
}

export class BrokenEntryDto {
  @ApiProperty() entryId: string;
  @ApiProperty() fiscalYearId: string;
  @ApiProperty() entryNumber: number;
  @ApiProperty() reason: string;
}

export class VerifyDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() entriesChecked: number;
  @ApiProperty({ type: BrokenEntryDto, nullable: true }) firstBroken: BrokenEntryDto | null;
}

export class InstalledDto {
  @ApiProperty() installed: number;
}
