import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '@dachwerk/shared';

export class CostCentreDto {
  @ApiProperty({ example: 'INI-GARTEN', description: 'KOST2' }) code: string;
  @ApiProperty({ example: 'Gemeinschaftsgarten Nord' }) name: string;
  @ApiProperty({ description: 'Postings may name only active cost centres' }) active: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) deactivatedAt: Date | null;
}
export class CostCentrePageDto extends PageDto(CostCentreDto) {}

export class CostCentreQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only active (true) or only deactivated (false) ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true
      ? true
      : value === 'false' || value === false
        ? false
        : value,
  )
  @IsBoolean()
  active?: boolean;
}

export class CreateCostCentreDto {
  @ApiProperty({ example: 'VERW', description: '1 to 36 letters, digits, _ or -' })
  @Matches(/^[A-Za-z0-9_-]{1,36}$/, {
    message: 'code must be 1 to 36 letters, digits, _ or -',
  })
  code: string;
  @ApiProperty({ example: 'Verwaltung' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
}
