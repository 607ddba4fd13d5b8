import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageDto, PageQueryDto } from '@dachwerk/shared';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'organisation' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;
}

export class AuditEventDto {
  @ApiProperty() id: number;
  @ApiProperty() occurredAt: Date;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ example: 'organisation.updated' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({
    nullable: true,
    type: Object,
    description: 'Changed fields: { field: { before, after } }',
  })
  changes: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
}

export class AuditEventPageDto extends PageDto(AuditEventDto) {}
