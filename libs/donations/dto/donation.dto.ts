import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIban, NormaliseBankCode, PageDto, PageQueryDto, IsAmountCents } from '@dachwerk/shared';
import {
  DONATION_KINDS,
  MONEY_CHANNELS,
  type DonationKind,
  type MoneyChannel,
} from '../donation-accounts';

const DATE = { strict: true, strictSeparator: true };

export class DonorInputDto {
  @ApiProperty({ enum: ['person', 'organisation'] }) @IsIn(['person', 'organisation']) kind:
    'person' | 'organisation';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) firstName?: string;
  @ApiPropertyOptional({ description: 'Required for people' })
  @ValidateIf((o: DonorInputDto) => o.kind === 'person')
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName?: string;
  @ApiPropertyOptional({ description: 'Required for organisations' })
  @ValidateIf((o: DonorInputDto) => o.kind === 'organisation')
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisationName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) street?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9A-Za-z -]{3,10}$/, { message: 'postalCode must be 3 to 10 letters or digits' })
  postalCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional({ default: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code' })
  country?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @NormaliseBankCode() @IsIban() iban?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() consentsToContact?: boolean;
  @ApiPropertyOptional({
    default: false,
    description: 'Initiatives may see the name on their donations',
  })
  @IsOptional()
  @IsBoolean()
  consentsToNameSharing?: boolean;
}

export class DonorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['person', 'organisation'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) firstName: string | null;
  @ApiProperty({ type: String, nullable: true }) lastName: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationName: string | null;
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
  iban?: string | null;
  @ApiProperty({ type: String, nullable: true }) memberId: string | null;
  @ApiProperty() consentsToContact: boolean;
  @ApiProperty() consentsToNameSharing: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Set once merged into another donor' })
  mergedIntoId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class DonorPageDto extends PageDto(DonorDto) {}

export class DonorQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name, city or e-mail contains' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class MergeDonorDto {
  @ApiProperty({ format: 'uuid', description: 'The donor that stays' })
  @IsUUID()
  intoDonorId: string;
}

export class InKindDto {
  @ApiProperty({ example: 'Laptop Lenovo T14' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  item: string;
  @ApiPropertyOptional({ example: '2 Jahre' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  age?: string;
  @ApiPropertyOptional({ example: 'gut erhalten' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  condition?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsAmountCents()
  purchasePriceCents?: number;
  @ApiProperty({ example: 'Marktwert laut Vergleichsangeboten' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  valueBasis: string;
  @ApiProperty({ description: 'From business assets (Betriebsvermögen)' })
  @IsBoolean()
  isFromBusinessAssets: boolean;
}

export class WaiverDto {
  @ApiProperty({ description: 'The reimbursement claim agreed beforehand' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  claimRef: string;
  @ApiProperty({ example: '2026-01-15' }) @IsISO8601(DATE) agreedOn: string;
}

export class CreateDonationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() donorId: string;
  @ApiProperty({ enum: DONATION_KINDS }) @IsIn(DONATION_KINDS) kind: DonationKind;
  @ApiPropertyOptional({ enum: MONEY_CHANNELS, description: 'Required for money' })
  @ValidateIf((o: CreateDonationDto) => o.kind === 'money')
  @IsIn(MONEY_CHANNELS)
  channel?: MoneyChannel;
  @ApiProperty({ example: '2026-05-04' }) @IsISO8601(DATE) receivedOn: string;
  // No @Min: zero or negative is a rule (AMOUNT_NOT_POSITIVE), not a type error.
  @ApiProperty({ example: 12000 }) @IsAmountCents() amountCents: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) purpose?: string;
  @ApiProperty({ enum: ['general', 'purpose', 'initiative'] })
  @IsIn(['general', 'purpose', 'initiative'])
  earmark: 'general' | 'purpose' | 'initiative';
  @ApiPropertyOptional({ description: 'The tax-exempt purpose, for earmark=purpose' })
  @ValidateIf((o: CreateDonationDto) => o.earmark === 'purpose')
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  earmarkPurpose?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The initiative, for earmark=initiative; booked to its cost centre (KOST2)',
  })
  @ValidateIf((o: CreateDonationDto) => o.earmark === 'initiative')
  @IsUUID()
  initiativeId?: string;
  @ApiPropertyOptional({ type: InKindDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => InKindDto)
  inKind?: InKindDto;
  @ApiPropertyOptional({ type: WaiverDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WaiverDto)
  waiver?: WaiverDto;
}

export class CorrectDonationDto {
  @ApiProperty({ example: 'Betrag falsch erfasst' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
  @ApiPropertyOptional({
    type: CreateDonationDto,
    description: 'The corrected donation, booked in the same step',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateDonationDto)
  replacement?: CreateDonationDto;
}

export class DonationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) donorId: string;
  @ApiProperty({ enum: DONATION_KINDS }) kind: string;
  @ApiProperty() channel: string;
  @ApiProperty() receivedOn: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ type: String, nullable: true }) purpose: string | null;
  @ApiProperty() earmark: string;
  @ApiProperty({ type: String, nullable: true }) earmarkPurpose: string | null;
  @ApiProperty({ type: String, nullable: true }) costCentre: string | null;
  @ApiProperty({ type: String, nullable: true }) initiativeId: string | null;
  @ApiProperty({ type: String, nullable: true }) item: string | null;
  @ApiProperty({ type: String, nullable: true }) valueBasis: string | null;
  @ApiProperty({ type: String, nullable: true }) reimbursementClaimRef: string | null;
  @ApiProperty({ format: 'uuid' }) journalEntryId: string;
  @ApiProperty({ type: String, nullable: true }) replacesDonationId: string | null;
  @ApiProperty({ type: Date, nullable: true }) correctedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) correctionReason: string | null;
  @ApiProperty() createdAt: Date;
}

export class DonationPageDto extends PageDto(DonationDto) {}

export class DonationQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) to?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() donorId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,36}$/) costCentre?: string;
}
