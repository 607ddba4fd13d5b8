import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
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
} from 'class-validator';
import { PageDto, IsAmountCents } from '@dachwerk/shared';

const DATE = { strict: true, strictSeparator: true };
const STATUSES = ['applied', 'active', 'paused', 'ended'] as const;

/**
 * What both creating and changing an initiative may set, all optional. The texts are not
 * here: class-validator inherits @IsOptional, so a create DTO that merely redeclared an
 * optional name still let a missing name through (found by the fuzz test: 500).
 */
class InitiativeTermsDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
  @ApiPropertyOptional() @IsOptional() @IsISO8601(DATE) agreementSignedOn?: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsISO8601(DATE)
  agreementEndsOn?: string | null;
  @ApiPropertyOptional({
    description: 'Administration fee on every inflow, basis points (500 = 5 %)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  feeBasisPoints?: number;
  @ApiPropertyOptional({ description: 'Fixed yearly administration fee' })
  @IsOptional()
  @IsAmountCents({ min: 0, max: 100_000_000 })
  feeYearlyCents?: number;
}

export class UpdateInitiativeDto extends InitiativeTermsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(3) @MaxLength(1000) purpose?: string;
  @ApiPropertyOptional({ description: 'The tax-exempt purpose it serves (§52 AO)' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  taxPurpose?: string;
}

export class CreateInitiativeDto extends InitiativeTermsDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(1000) purpose: string;
  @ApiProperty({ description: 'The tax-exempt purpose it serves (§52 AO)' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  taxPurpose: string;
  @ApiProperty({ description: 'KOST2 in the umbrella’s books, e.g. INI-GARTEN' })
  @Matches(/^[A-Za-z0-9_-]{1,36}$/, {
    message: 'costCentre must be 1 to 36 letters, digits, _ or -',
  })
  costCentre: string;
}

export class InitiativeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() purpose: string;
  @ApiProperty() taxPurpose: string;
  @ApiProperty() costCentre: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) agreementSignedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) agreementEndsOn: string | null;
  @ApiProperty() feeBasisPoints: number;
  @ApiProperty() feeYearlyCents: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
export class InitiativePageDto extends PageDto(InitiativeDto) {}

export class InitiativeContactDto {
  @ApiProperty({ example: 'gartenteam@example.org' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ description: 'Name of a new account; an existing one keeps its own' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class ContactAddedDto {
  @ApiProperty({
    enum: ['created', 'invited'],
    description:
      '`created`: a new account bound to the initiative; `invited`: an existing account, bound once its holder accepts',
  })
  status: 'created' | 'invited';
  @ApiProperty() email: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only when created' }) userId?: string;
  @ApiPropertyOptional({ description: 'Only when created' }) name?: string;
  @ApiPropertyOptional({
    description:
      'Only when created: how the holder sets the first password (delivery, token if shown once, expiresAt)',
  })
  passwordLink?: { delivery: 'email' | 'shown-once'; token?: string; expiresAt: Date };
}
