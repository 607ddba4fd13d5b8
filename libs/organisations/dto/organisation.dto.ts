import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsCreditorId, NormaliseBankCode, PageDto } from '@dachwerk/shared';
import { LEGAL_FORMS, type LegalForm } from '../organisation.entity';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Bürgerengagement Stuttgart e.V.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: LEGAL_FORMS })
  @IsIn(LEGAL_FORMS)
  legalForm: LegalForm;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isUmbrella?: boolean;

  @ApiProperty({ example: 'Marktplatz 1' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  street: string;

  @ApiProperty({ example: '70173' })
  @Matches(/^[0-9A-Za-z -]{3,10}$/, { message: 'postalCode must be 3 to 10 letters or digits' })
  postalCode: string;

  @ApiProperty({ example: 'Stuttgart' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city: string;

  @ApiPropertyOptional({ example: 'DE', default: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Amtsgericht Stuttgart' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  registerCourt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'VR 123456' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  registerNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '99015/12345' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  taxNumber?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Finanzamt Stuttgart-Körperschaften',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  taxOffice?: string | null;

  @ApiPropertyOptional({
    type: String,
    isArray: true,
    example: ['Förderung des bürgerschaftlichen Engagements'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  purposes?: string[];

  @ApiPropertyOptional({
    default: false,
    description: 'The Finanzamt was told that receipts are made by machine',
  })
  @IsOptional()
  @IsBoolean()
  isReceiptMachineSigned?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'DE98ZZZ09999999999' })
  @IsOptional()
  @NormaliseBankCode()
  @IsCreditorId()
  sepaCreditorId?: string | null;

  @ApiPropertyOptional({
    default: false,
    description:
      'Initiative users see who decided on their funding applications; hidden unless set (board members’ privacy)',
  })
  @IsOptional()
  @IsBoolean()
  publishesDeciders?: boolean;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: LEGAL_FORMS }) legalForm: LegalForm;
  @ApiProperty() isUmbrella: boolean;
  @ApiProperty() street: string;
  @ApiProperty() postalCode: string;
  @ApiProperty() city: string;
  @ApiProperty() country: string;
  @ApiProperty({ type: String, nullable: true }) registerCourt: string | null;
  @ApiProperty({ type: String, nullable: true }) registerNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) taxNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) taxOffice: string | null;
  @ApiProperty({ type: String, isArray: true }) purposes: string[];
  @ApiProperty() isReceiptMachineSigned: boolean;
  @ApiProperty({ type: String, nullable: true }) sepaCreditorId: string | null;
  @ApiProperty() publishesDeciders: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class OrganisationPageDto extends PageDto(OrganisationDto) {}
