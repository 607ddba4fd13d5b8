import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsBic, IsIban, NormaliseBankCode, PageDto } from '@dachwerk/shared';

export class CreateBankAccountDto {
  @ApiProperty({ example: 'Girokonto Sparkasse' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label: string;

  @ApiProperty({ example: 'DE02 6005 0101 0002 0343 04' })
  @NormaliseBankCode()
  @IsIban()
  iban: string;

  @ApiPropertyOptional({ example: 'SOLADEST600' })
  @IsOptional()
  @NormaliseBankCode()
  @IsBic()
  bic?: string;

  @ApiPropertyOptional({ default: false, description: 'The account SEPA files and receipts use' })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({
    default: 18000,
    description: 'SKR 42 account its money is booked on (16000–18999)',
  })
  @IsOptional()
  @IsInt()
  @Min(16000)
  @Max(18999)
  ledgerAccount?: number;
}

export class BankAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() label: string;
  @ApiProperty() iban: string;
  @ApiProperty({ type: String, nullable: true }) bic: string | null;
  @ApiProperty() isDefault: boolean;
  @ApiProperty() ledgerAccount: number;
  @ApiProperty() createdAt: Date;
}

export class BankAccountPageDto extends PageDto(BankAccountDto) {}
