import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiProblems,
  CurrentActor,
  notFound,
  Roles,
  Summary,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import {
  CostCentreDto,
  CostCentrePageDto,
  CostCentreQueryDto,
  CreateCostCentreDto,
} from './dto/cost-centre.dto';
import { CostCentresService } from './cost-centres.service';

const READ = ['treasurer', 'board', 'staff', 'admin'] as const;
const CODE = /^[A-Za-z0-9_-]{1,36}$/;

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:orgId/cost-centres')
export class CostCentresController {
  constructor(private readonly costCentres: CostCentresService) {}

  @Summary('Kostenstellen auflisten', 'List cost centres')
  @Get()
  @Roles(...READ)
  @ApiOperation({ summary: 'Kostenstellen auflisten / List cost centres' })
  @ApiOkResponse({ type: CostCentrePageDto })
  @ApiProblems(400, 401, 403, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: CostCentreQueryDto,
  ): Promise<Page<CostCentreDto>> {
    return this.costCentres.list(actor, orgId, q);
  }

  @Summary('Kostenstelle anlegen', 'Create a cost centre')
  @Post()
  @Roles('treasurer', 'admin')
  @ApiOperation({ summary: 'Kostenstelle anlegen / Create a cost centre' })
  @ApiCreatedResponse({ type: CostCentreDto })
  @ApiProblems(400, 401, 403, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateCostCentreDto,
  ): Promise<CostCentreDto> {
    return this.costCentres.create(actor, orgId, body);
  }

  @Summary('Kostenstelle stilllegen', 'Deactivate a cost centre')
  @Post(':code/deactivate')
  @Roles('treasurer', 'admin')
  @ApiOperation({
    summary: 'Kostenstelle deaktivieren / Deactivate a cost centre (no more postings on it)',
  })
  @ApiCreatedResponse({ type: CostCentreDto })
  @ApiProblems(400, 401, 403, 404)
  deactivate(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('code') code: string,
  ): Promise<CostCentreDto> {
    return this.costCentres.setActive(actor, orgId, checkedCode(code), false);
  }

  @Summary('Kostenstelle wieder aktivieren', 'Reactivate a cost centre')
  @Post(':code/activate')
  @Roles('treasurer', 'admin')
  @ApiOperation({ summary: 'Kostenstelle wieder aktivieren / Reactivate a cost centre' })
  @ApiCreatedResponse({ type: CostCentreDto })
  @ApiProblems(400, 401, 403, 404)
  activate(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('code') code: string,
  ): Promise<CostCentreDto> {
    return this.costCentres.setActive(actor, orgId, checkedCode(code), true);
  }
}

/** A path code that cannot be one answers 404 like an unknown one, never reaches SQL oddly. */
function checkedCode(code: string): string {
  if (!CODE.test(code)) throw notFound('Cost centre', code);
  return code;
}
