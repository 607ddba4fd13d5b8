import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageDto } from '@dachwerk/shared';
import { EXEMPTION_KINDS, type ExemptionKind } from '../exemption-notice.entity';

const DATE = { strict: true, strictSeparator: true };

export class CreateExemptionNoticeDto {
  @ApiProperty({ enum: EXEMPTION_KINDS })
  @IsIn(EXEMPTION_KINDS)
  kind: ExemptionKind;

  @ApiProperty({ example: '2025-03-14', description: 'Date of the notice' })
  @IsISO8601(DATE)
  issuedOn: string;

  @ApiProperty({ example: 'Finanzamt Stuttgart-Körperschaften' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  taxOffice: string;

  @ApiPropertyOptional({ example: '99015/12345' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  taxNumber?: string;

  @ApiPropertyOptional({
    example: '2021-01-01',
    description: 'Assessment period; required for a Freistellungsbescheid',
  })
  @ValidateIf(
    (o: CreateExemptionNoticeDto) =>
      o.kind === 'freistellungsbescheid' || o.periodFrom !== undefined,
  )
  @IsISO8601(DATE)
  periodFrom?: string;

  @ApiPropertyOptional({ example: '2023-12-31' })
  @ValidateIf(
    (o: CreateExemptionNoticeDto) => o.kind === 'freistellungsbescheid' || o.periodTo !== undefined,
  )
  @IsISO8601(DATE)
  periodTo?: string;

  @ApiPropertyOptional({ type: String, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  purposes?: string[];
}

export class ExemptionNoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: EXEMPTION_KINDS }) kind: ExemptionKind;
  @ApiProperty() issuedOn: string;
  @ApiProperty() taxOffice: string;
  @ApiProperty({ type: String, nullable: true }) taxNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) periodFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) periodTo: string | null;
  @ApiProperty({ type: String, isArray: true }) purposes: string[];
  @ApiProperty() createdAt: Date;
}

export class ExemptionNoticePageDto extends PageDto(ExemptionNoticeDto) {}
