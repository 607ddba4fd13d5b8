import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ApiProblems,
  APP_CONFIG,
  CurrentActor,
  Public,
  Summary,
  type Actor,
  type AppConfig,
} from '@dachwerk/shared';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, LogoutAllResponseDto, MeDto } from './dto/auth.dto';
import { toMe } from './me';
import { clientOf, SESSION_COOKIE, tokenOf } from './session-token';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Summary('Anmelden', 'Log in')
  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(400, 401, 429)
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    const result = await this.auth.login(body.email, body.password, clientOf(req));
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.NODE_ENV === 'production',
      path: '/',
      expires: result.expiresAt,
    });
    return { token: result.token, expiresAt: result.expiresAt, user: toMe(result.actor) };
  }

  @Summary(
    'Wer bin ich: Konto, Rollen und Organisationen',
    'Who am I: account, roles and organisations',
  )
  @Get('me')
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  me(@CurrentActor() actor: Actor): MeDto {
    return toMe(actor);
  }

  @Summary('Abmelden', 'Log out')
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiProblems(401)
  async logout(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(actor, tokenOf(req) ?? '');
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Summary('Alle eigenen Sitzungen beenden', 'End all my sessions')
  @Post('logout-all')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({
    type: LogoutAllResponseDto,
    description: 'Ends every session of the current user',
  })
  @ApiProblems(401)
  async logoutAll(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LogoutAllResponseDto> {
    const sessionsEnded = await this.auth.logoutEverywhere(actor);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { sessionsEnded };
  }
}
