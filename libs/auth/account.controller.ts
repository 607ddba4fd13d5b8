import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiProblems, CurrentActor, Public, Summary, type Actor } from '@dachwerk/shared';
import { AccountService } from './account.service';
import {
  ChangePasswordDto,
  InvitationDto,
  RequestResetDto,
  SetPasswordDto,
  UpdateMeDto,
} from './dto/auth.dto';
import { InvitationsService } from './invitations.service';
import { clientOf, tokenOf } from './session-token';

/** The account holder's own business: name, password, invitations to organisations. */
@ApiTags('auth')
@Controller('auth')
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly invitations: InvitationsService,
  ) {}

  @Summary('Eigenen Namen ändern', 'Change my name')
  @Patch('me')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Name changed' })
  @ApiProblems(400, 401)
  async rename(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto): Promise<void> {
    await this.account.rename(actor, body.name);
  }

  @Summary('Eigenes Passwort ändern', 'Change my password')
  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Password changed; every other session ended' })
  @ApiProblems(400, 401, 422, 429)
  async changePassword(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.account.changePassword(
      actor,
      { token: tokenOf(req) ?? '', address: clientOf(req) },
      body.currentPassword,
      body.newPassword,
    );
  }

  @Summary('Passwort über Einmal-Link setzen', 'Set a password through a one-time link')
  @Post('password-reset')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set; every session of the account ended' })
  @ApiProblems(400, 429)
  async setPassword(@Body() body: SetPasswordDto, @Req() req: Request): Promise<void> {
    await this.account.setPasswordWithToken(body.token, body.password, clientOf(req));
  }

  @Summary('Link zum Zurücksetzen des Passworts anfordern', 'Request a password reset link')
  @Post('password-reset/request')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description:
      'If an active account has this e-mail and mail is set up, a reset link is on its way',
  })
  @ApiProblems(400, 429)
  async requestReset(@Body() body: RequestResetDto, @Req() req: Request): Promise<void> {
    await this.account.requestReset(body.email, clientOf(req));
  }

  @Summary('Offene Einladungen an mich', 'My open invitations')
  @Get('invitations')
  @ApiBearerAuth()
  @ApiOkResponse({ type: InvitationDto, isArray: true, description: 'Open invitations to me' })
  @ApiProblems(401)
  invitationsToMe(@CurrentActor() actor: Actor): Promise<InvitationDto[]> {
    return this.invitations.mine(actor);
  }

  @Summary('Einladung annehmen', 'Accept an invitation')
  @Post('invitations/:id/accept')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: InvitationDto, description: 'Accepted: the roles are mine now' })
  @ApiProblems(401, 404)
  accept(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InvitationDto> {
    return this.invitations.accept(actor, id);
  }

  @Summary('Einladung ablehnen', 'Decline an invitation')
  @Post('invitations/:id/decline')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: InvitationDto })
  @ApiProblems(401, 404)
  decline(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<InvitationDto> {
    return this.invitations.decline(actor, id);
  }
}
