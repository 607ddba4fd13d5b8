import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Roles, Summary, type Actor, type Page } from '@dachwerk/shared';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditEventPageDto, AuditQueryDto } from './dto/audit-event.dto';

@ApiTags('audit')
@Controller('organisations/:orgId/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Summary('Protokoll der Zugriffe und Änderungen lesen', 'Read the audit log')
  @Get()
  @Roles('admin', 'board')
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblems(400, 401, 403, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: AuditQueryDto,
  ): Promise<Page<AuditEventDto>> {
    return this.audit.list(actor, orgId, query);
  }
}
