import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsBic,
  IsIban,
  NormaliseBankCode,
  PageDto,
  PageQueryDto,
  IsAmountCents,
} from '@dachwerk/shared';

const DATE = { strict: true, strictSeparator: true };
const FORMS = ['organisation', 'initiative', 'project', 'individual'] as const;
const INTERVALS = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
const STATUSES = ['active', 'left', 'excluded', 'deceased'] as const;

export class TierRateDto {
  @ApiProperty({ example: '2027-01-01' }) @IsISO8601(DATE) validFrom: string;
  @ApiProperty({ example: 6000 }) @IsAmountCents({ min: 0, max: 100_000_000 }) amountCents: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsAmountCents({ min: 0, max: 100_000_000 })
  reducedAmountCents?: number;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsAmountCents({ min: 0, max: 100_000_000 })
  admissionFeeCents?: number;
}

export class CreateTierDto extends TierRateDto {
  @ApiProperty({ example: 'IND-Y' })
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'code must be 1 to 20 letters, digits, _ or -' })
  code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ enum: FORMS }) @IsIn(FORMS) memberForm: (typeof FORMS)[number];
  @ApiProperty({ enum: INTERVALS }) @IsIn(INTERVALS) interval: (typeof INTERVALS)[number];
  @ApiPropertyOptional({
    default: true,
    description: 'Joiners and leavers pay for their months only',
  })
  @IsOptional()
  @IsBoolean()
  proRata?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) validTo?: string;
  @ApiPropertyOptional({
    default: false,
    description:
      'Fees may get a donation receipt (§10b EStG; not for sport, cultural leisure, Heimatpflege and the like)',
  })
  @IsOptional()
  @IsBoolean()
  feesDeductible?: boolean;
}

export class FeeReceiptDto {
  @ApiProperty({ example: 2026, description: 'The calendar year the fees were paid in' })
  @IsInt()
  @Min(2000)
  @Max(2999)
  year: number;
}

export class TierRateViewDto {
  @ApiProperty() validFrom: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ type: Number, nullable: true }) reducedAmountCents: number | null;
  @ApiProperty() admissionFeeCents: number;
}

export class TierDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: FORMS }) memberForm: string;
  @ApiProperty({ enum: INTERVALS }) interval: string;
  @ApiProperty() proRata: boolean;
  @ApiProperty() feesDeductible: boolean;
  @ApiProperty() validFrom: string;
  @ApiProperty({ type: String, nullable: true }) validTo: string | null;
  @ApiProperty({ type: TierRateViewDto, isArray: true }) rates: TierRateViewDto[];
}
export class TierPageDto extends PageDto(TierDto) {}

class MemberFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  firstName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactPerson?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  street?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(/^[0-9A-Za-z -]{3,10}$/, { message: 'postalCode must be 3 to 10 letters or digits' })
  postalCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string | null;
  @ApiPropertyOptional({ default: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code' })
  country?: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() consentsToEmail?: boolean;
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  consentsToPublication?: boolean;
}

export class CreateMemberDto extends MemberFieldsDto {
  @ApiPropertyOptional({ description: 'Given by the system (M-00001, ...) when left out' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_/-]{1,20}$/, {
    message: 'memberNo must be 1 to 20 letters, digits, _, / or -',
  })
  memberNo?: string;
  @ApiProperty({ enum: ['person', 'organisation'] }) @IsIn(['person', 'organisation']) kind:
    'person' | 'organisation';
  @ApiPropertyOptional({ description: 'Required for people' })
  @ValidateIf((o: CreateMemberDto) => o.kind === 'person')
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName?: string;
  @ApiPropertyOptional({ description: 'Required for organisations' })
  @ValidateIf((o: CreateMemberDto) => o.kind === 'organisation')
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisationName?: string;
  @ApiProperty() @IsISO8601(DATE) joinedOn: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() tierId: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() reduced?: boolean;
}

export class UpdateMemberDto extends MemberFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) lastName?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisationName?: string;
}

export class ChangeTierDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() tierId: string;
  @ApiProperty() @IsISO8601(DATE) startsOn: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() reduced?: boolean;
}

export class LeaveDto {
  @ApiProperty() @IsISO8601(DATE) leftOn: string;
  @ApiPropertyOptional({ enum: ['left', 'excluded', 'deceased'], default: 'left' })
  @IsOptional()
  @IsIn(['left', 'excluded', 'deceased'])
  status?: 'left' | 'excluded' | 'deceased';
}

export class MemberQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) search?: string;
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() tierId?: string;
  @ApiPropertyOptional({ enum: FORMS })
  @IsOptional()
  @IsIn(FORMS)
  memberForm?: (typeof FORMS)[number];
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() memberNo: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: String, nullable: true }) firstName: string | null;
  @ApiProperty({ type: String, nullable: true }) lastName: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPerson: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Left out for roles without contact details (board)',
  })
  street?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Left out for roles without contact details (board)',
  })
  postalCode?: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty() country: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Left out for roles without contact details (board)',
  })
  email?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Left out for roles without contact details (board)',
  })
  phone?: string | null;
  @ApiProperty() joinedOn: string;
  @ApiProperty({ type: String, nullable: true }) leftOn: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty() consentsToEmail: boolean;
  @ApiProperty() consentsToPublication: boolean;
  @ApiProperty({ type: Date, nullable: true }) restrictedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) erasedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) tierId: string | null;
  @ApiProperty({ type: String, nullable: true }) tierName: string | null;
  @ApiProperty({ type: String, nullable: true }) memberForm: string | null;
  @ApiProperty() reduced: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
export class MemberPageDto extends PageDto(MemberDto) {}

export class CreateMandateDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId: string;
  @ApiPropertyOptional({ description: 'Given by the system from the member number when left out' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9+?/:().,'-]{1,35}$/, {
    message: 'reference must be 1 to 35 characters of the SEPA set (no spaces)',
  })
  reference?: string;
  @ApiProperty({ description: 'The day the debtor signed the mandate' })
  @IsISO8601(DATE)
  signedOn: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(70) debtorName: string;
  @ApiProperty() @NormaliseBankCode() @IsIban() iban: string;
  @ApiPropertyOptional() @IsOptional() @NormaliseBankCode() @IsBic() bic?: string;
}

export class RevokeMandateDto {
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(300) reason: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) revokedOn?: string;
}

export class MandateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() memberId?: string;
}

export class MandateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() memberNo: string;
  @ApiProperty() reference: string;
  @ApiProperty() signedOn: string;
  @ApiPropertyOptional({ description: 'Left out for roles without contact details (board)' })
  debtorName?: string;
  @ApiPropertyOptional({ description: 'Left out for roles without contact details (board)' })
  iban?: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Left out for roles without contact details (board)',
  })
  bic?: string | null;
  @ApiProperty({ type: String, nullable: true }) lastUsedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status: string;
  @ApiProperty({ description: '36 months after the last use (or signing, if never used)' })
  expiresOn: string;
}
export class MandatePageDto extends PageDto(MandateDto) {}

export class CreateFeeRunDto {
  @ApiProperty({ example: '2027-01-01' }) @IsISO8601(DATE) periodStart: string;
  @ApiProperty({ example: '2027-12-31' }) @IsISO8601(DATE) periodEnd: string;
  @ApiProperty({ description: 'Requested collection date (a TARGET business day)' })
  @IsISO8601(DATE)
  collectionDate: string;
  @ApiPropertyOptional({ default: 14, description: 'Days of pre-notification before collection' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  preNotificationDays?: number;
}

export class FeeRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty() collectionDate: string;
  @ApiProperty() receivableCount: number;
  @ApiProperty() totalCents: number;
  @ApiProperty() debitCount: number;
  @ApiProperty() debitTotalCents: number;
  @ApiProperty({ type: String, nullable: true }) sepaMessageId: string | null;
  @ApiProperty({ type: String, nullable: true }) sepaSha256: string | null;
  @ApiProperty() noticesReady: boolean;
  @ApiProperty() createdAt: Date;
}
export class FeeRunPageDto extends PageDto(FeeRunDto) {}

export class FeeRunPreviewItemDto {
  @ApiProperty() memberNo: string;
  @ApiProperty() memberName: string;
  @ApiProperty() description: string;
  @ApiProperty() amountCents: number;
  @ApiProperty() dueOn: string;
  @ApiProperty({ description: 'Collected by SEPA direct debit (else the member pays by transfer)' })
  byDirectDebit: boolean;
}

export class FeeRunPreviewDto {
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty() collectionDate: string;
  @ApiProperty() receivableCount: number;
  @ApiProperty() totalCents: number;
  @ApiProperty() debitCount: number;
  @ApiProperty() debitTotalCents: number;
  @ApiProperty({ type: FeeRunPreviewItemDto, isArray: true }) items: FeeRunPreviewItemDto[];
}

export class ReceivableQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() feeRunId?: string;
  @ApiPropertyOptional({ enum: ['open', 'submitted', 'settled', 'returned'] })
  @IsOptional()
  @IsIn(['open', 'submitted', 'settled', 'returned'])
  status?: string;
}

export class ReceivableDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() memberNo: string;
  @ApiProperty() memberName: string;
  @ApiProperty({ enum: ['fee', 'admission', 'dunning_fee', 'return_fee'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) periodStart: string | null;
  @ApiProperty({ type: String, nullable: true }) periodEnd: string | null;
  @ApiProperty() description: string;
  @ApiProperty() amountCents: number;
  @ApiProperty() dueOn: string;
  @ApiProperty({ type: String, nullable: true }) feeRunId: string | null;
  @ApiProperty({ type: String, nullable: true }) mandateId: string | null;
  @ApiProperty() endToEndId: string;
  @ApiProperty({ enum: ['open', 'submitted', 'settled', 'returned'] }) status: string;
  @ApiProperty() dunningLevel: number;
  @ApiProperty() journalEntryId: string;
}
export class ReceivablePageDto extends PageDto(ReceivableDto) {}

export class DunningLevelDto {
  @ApiProperty({ minimum: 1, maximum: 9 }) @IsInt() @Min(1) @Max(9) level: number;
  @ApiProperty({ description: 'Days after the due date (or the return) before this level' })
  @IsInt()
  @Min(0)
  @Max(365)
  daysOverdue: number;
  @ApiProperty() @IsAmountCents({ min: 0, max: 100_000 }) feeCents: number;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) title: string;
}
export class DunningLevelPageDto extends PageDto(DunningLevelDto) {}

export class DunningLevelsDto {
  @ApiProperty({ type: DunningLevelDto, isArray: true })
  @ValidateNested({ each: true })
  @Type(() => DunningLevelDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  levels: DunningLevelDto[];
}

export class CreateDunningRunDto {
  @ApiPropertyOptional({ description: 'Defaults to today' })
  @IsOptional()
  @IsISO8601(DATE)
  runOn?: string;
}
