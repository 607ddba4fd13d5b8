import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
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
  CreatedUserDto,
  CreateUserDto,
  InvitedDto,
  InviteUserDto,
  PasswordLinkDto,
  SetRolesDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Summary('Konten auflisten', 'List user accounts')
  @Get()
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<UserDto>> {
    return this.users.list(actor, query);
  }

  @Summary('Konto anlegen', 'Create a user account')
  @Post()
  @ApiCreatedResponse({
    type: CreatedUserDto,
    description: 'A new account; its holder sets the password through the one-time link',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.create(actor, body);
  }

  @Summary('Bestehendes Konto einladen', 'Invite an existing account')
  @Post('invitations')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: InvitedDto,
    description: 'Invites an existing account; it gains the roles when its holder accepts',
  })
  @ApiProblems(400, 401, 403, 404, 422)
  invite(@CurrentActor() actor: Actor, @Body() body: InviteUserDto): Promise<InvitedDto> {
    return this.users.invite(actor, body);
  }

  @Summary('Konto ansehen', 'Get a user account')
  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  @Summary('Konto ändern (Name, aktiv)', 'Update a user account (name, active)')
  @Patch(':id')
  @ApiOkResponse({ type: UserDto, description: 'Platform admins (or the holder, name only)' })
  @ApiProblems(400, 401, 403, 404, 422)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }

  @Summary('Passwort eines Kontos zurücksetzen', "Reset a user's password")
  @Post(':id/password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: PasswordLinkDto,
    description:
      'A one-time link for the holder to set a new password: mailed to them, or (platform admins, no mail set up) shown once. The old password works until then.',
  })
  @ApiProblems(401, 403, 404, 409, 503)
  triggerPasswordReset(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PasswordLinkDto> {
    return this.users.triggerPasswordReset(actor, id);
  }

  @Summary(
    'Rollen eines Kontos in einer Organisation setzen',
    "Set a user's roles in an organisation",
  )
  @Put(':id/organisations/:organisationId')
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 422)
  setRoles(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() body: SetRolesDto,
  ): Promise<UserDto> {
    return this.users.setRoles(actor, id, organisationId, body);
  }
}
