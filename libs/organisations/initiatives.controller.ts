import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiProblems,
  CurrentActor,
  PageQueryDto,
  Roles,
  Summary,
  type Actor,
  type Page,
} from '@dachwerk/shared';
import {
  ContactAddedDto,
  CreateInitiativeDto,
  InitiativeContactDto,
  InitiativeDto,
  InitiativePageDto,
  UpdateInitiativeDto,
} from './dto/initiative.dto';
import { InitiativesService } from './initiatives.service';

@ApiTags('initiatives')
@ApiBearerAuth()
@Controller('organisations/:orgId/initiatives')
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  @Summary('Initiativen auflisten', 'List initiatives')
  @Get()
  @ApiOkResponse({
    type: InitiativePageDto,
    description: 'For initiative users: only their own',
  })
  @ApiProblems(400, 401, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<InitiativeDto>> {
    return this.initiatives.list(actor, orgId, q);
  }

  @Summary('Initiative anlegen', 'Create an initiative')
  @Post()
  @Roles('staff', 'board')
  @ApiCreatedResponse({ type: InitiativeDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  create(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateInitiativeDto,
  ): Promise<InitiativeDto> {
    return this.initiatives.create(actor, orgId, body);
  }

  @Summary('Initiative ansehen', 'Get an initiative')
  @Get(':id')
  @ApiOkResponse({ type: InitiativeDto })
  @ApiProblems(401, 404)
  get(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InitiativeDto> {
    return this.initiatives.get(actor, orgId, id);
  }

  @Summary('Ansprechpersonen einer Initiative', "An initiative's contact persons")
  @Get(':id/contacts')
  @ApiOkResponse({ description: 'The contact persons: users who act for the initiative' })
  @ApiProblems(401, 404)
  contacts(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.initiatives.contacts(actor, orgId, id);
  }

  @Summary('Ansprechperson einer Initiative einladen', 'Invite a contact person for an initiative')
  @Post(':id/contacts')
  @Roles('staff', 'board')
  @ApiCreatedResponse({
    type: ContactAddedDto,
    description: 'A new account scoped to this initiative',
  })
  @ApiAcceptedResponse({
    type: ContactAddedDto,
    description: 'An existing account, invited: bound once its holder accepts',
  })
  @ApiProblems(400, 401, 403, 404)
  async addContact(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: InitiativeContactDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContactAddedDto> {
    const result = await this.initiatives.addContact(actor, orgId, id, body);
    res.status(result.status === 'created' ? 201 : 202);
    return result;
  }

  @Summary('Initiative ändern', 'Update an initiative')
  @Patch(':id')
  @Roles('staff', 'board')
  @ApiOkResponse({ type: InitiativeDto })
  @ApiProblems(400, 401, 403, 404, 422)
  update(
    @CurrentActor() actor: Actor,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateInitiativeDto,
  ): Promise<InitiativeDto> {
    return this.initiatives.update(actor, orgId, id, body);
  }
}
