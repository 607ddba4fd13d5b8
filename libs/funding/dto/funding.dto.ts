import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
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
import { IsBic, IsIban, NormaliseBankCode, PageQueryDto, IsAmountCents } from '@dachwerk/shared';

const DATE = { strict: true, strictSeparator: true };
const MONEY = { max: 1_000_000_000 };

export class FundQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Calendar year of the statement; defaults to this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2999)
  year?: number;
}

export class FundInflowDto {
  @ApiProperty() @IsAmountCents({ min: 1, max: MONEY.max }) amountCents: number;
  @ApiProperty() @IsISO8601(DATE) receivedOn: string;
  @ApiProperty({ example: 'Stiftung Bürgersinn' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  source: string;
  @ApiPropertyOptional({
    default: false,
    description: 'From a public authority (48280) rather than a third party (48290)',
  })
  @IsOptional()
  @IsBoolean()
  fromAuthority?: boolean;
}

export class YearlyFeeDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2999) year: number;
}

export class FundTransferDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() fromInitiativeId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() toInitiativeId: string;
  @ApiProperty() @IsAmountCents({ min: 1, max: MONEY.max }) amountCents: number;
  @ApiProperty({ example: 'VS-2026-14', description: 'The board resolution' })
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  resolutionRef: string;
}

export class CriterionDto {
  @ApiProperty({ example: 'cohesion' }) @Matches(/^[a-z][a-z0-9_-]{0,30}$/) key: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty({ description: 'Weight in percent; the weights add up to 100' })
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;
}

export class CreateProgrammeDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty({ example: 'PRG-QUARTIER' })
  @Matches(/^[A-Za-z0-9_-]{1,36}$/, {
    message: 'costCentre must be 1 to 36 letters, digits, _ or -',
  })
  costCentre: string;
  @ApiProperty() @IsAmountCents({ min: 1, max: MONEY.max }) budgetCents: number;
  @ApiProperty() @IsISO8601(DATE) startsOn: string;
  @ApiProperty() @IsISO8601(DATE) endsOn: string;
  @ApiProperty({ type: [String], example: ['Sachkosten', 'Honorare', 'Miete'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  eligibleCostTypes: string[];
  @ApiPropertyOptional({
    default: 0,
    description: 'Own share the applicant carries, basis points of the total cost',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  ownShareBasisPoints?: number;
  @ApiProperty({ type: [CriterionDto] })
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  criteria: CriterionDto[];
  @ApiPropertyOptional({
    default: 3,
    description: 'Months after the programme ends when the proof of use is due',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36)
  proofDueMonths?: number;
}

export class CostLineDto {
  @ApiProperty({ example: 'Sachkosten' }) @IsString() @MinLength(1) @MaxLength(60) category: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) description: string;
  @ApiProperty() @IsAmountCents({ min: 1, max: MONEY.max }) amountCents: number;
}

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() programmeId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() initiativeId: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) title: string;
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(10_000) description: string;
  @ApiProperty({ description: 'What the applicant asks for' })
  @IsAmountCents({ min: 1, max: MONEY.max })
  requestedCents: number;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsAmountCents({ min: 0, max: MONEY.max })
  ownShareCents?: number;
  @ApiProperty({ type: [CostLineDto] })
  @ValidateNested({ each: true })
  @Type(() => CostLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  costLines: CostLineDto[];
  @ApiPropertyOptional({ type: [String], description: 'Uploaded documents (POST .../documents)' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(20)
  documentIds?: string[];
}

export class ReviewDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Declares a conflict of interest; the reviewer is then excluded',
  })
  @IsOptional()
  @IsBoolean()
  conflictOfInterest?: boolean;
  @ApiPropertyOptional({ description: 'Per criterion key: { score 0..10, comment }' })
  @ValidateIf((o: ReviewDto) => !o.conflictOfInterest)
  @IsObject()
  scores?: Record<string, { score: number; comment?: string }>;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'reject', 'return'] })
  @IsIn(['approve', 'reject', 'return'])
  kind: 'approve' | 'reject' | 'return';
  @ApiPropertyOptional({
    description: 'kind=approve: the amount granted (may be lower than requested)',
  })
  @ValidateIf((o: DecisionDto) => o.kind === 'approve')
  @IsAmountCents({ min: 1, max: MONEY.max })
  amountCents?: number;
  @ApiPropertyOptional({ example: 'VS-2026-14', description: 'kind=approve: the board resolution' })
  @ValidateIf((o: DecisionDto) => o.kind === 'approve')
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  resolutionRef?: string;
  @ApiPropertyOptional({
    description: 'Conditions of the grant (kind=approve) or the reason (reject, return)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CreateExpenseClaimDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() initiativeId: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Spend from an approved application (else from the fund)',
  })
  @IsOptional()
  @IsUUID()
  applicationId?: string;
  @ApiPropertyOptional({ description: 'The application’s cost line this belongs to' })
  @ValidateIf((o: CreateExpenseClaimDto) => o.applicationId !== undefined)
  @IsInt()
  @Min(1)
  costLineNo?: number;
  @ApiProperty({ enum: ['reimbursement', 'invoice', 'grant_to_body'] })
  @IsIn(['reimbursement', 'invoice', 'grant_to_body'])
  kind: 'reimbursement' | 'invoice' | 'grant_to_body';
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(300) description: string;
  @ApiProperty() @IsAmountCents({ min: 1, max: MONEY.max }) amountCents: number;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(70) payeeName: string;
  @ApiProperty() @NormaliseBankCode() @IsIban() payeeIban: string;
  @ApiPropertyOptional() @IsOptional() @NormaliseBankCode() @IsBic() payeeBic?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The receipt or invoice (POST .../documents)',
  })
  @IsOptional()
  @IsUUID()
  documentId?: string;
  @ApiPropertyOptional({
    enum: ['freistellungsbescheid', 'feststellung_60a'],
    description: 'kind=grant_to_body',
  })
  @ValidateIf((o: CreateExpenseClaimDto) => o.kind === 'grant_to_body')
  @IsIn(['freistellungsbescheid', 'feststellung_60a'])
  bodyNoticeKind?: 'freistellungsbescheid' | 'feststellung_60a';
  @ApiPropertyOptional({ description: 'kind=grant_to_body: date of the receiving body’s notice' })
  @ValidateIf((o: CreateExpenseClaimDto) => o.kind === 'grant_to_body')
  @IsISO8601(DATE)
  bodyNoticeIssuedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) bodyNoticeTaxOffice?: string;
}

export class RejectDto {
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(500) reason: string;
}

export class ClaimQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() initiativeId?: string;
  @ApiPropertyOptional({ enum: ['submitted', 'approved', 'rejected', 'in_payout', 'paid'] })
  @IsOptional()
  @IsIn(['submitted', 'approved', 'rejected', 'in_payout', 'paid'])
  status?: string;
}

export class CreatePayoutRunDto {
  @ApiProperty({ description: 'Requested execution date' }) @IsISO8601(DATE) executionDate: string;
}

export class ProofReportDto {
  @ApiProperty({ description: 'The initiative’s short report on what was done' })
  @IsString()
  @MinLength(20)
  @MaxLength(20_000)
  report: string;
}
