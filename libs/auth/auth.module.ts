import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dachwerk/audit';
import { AccountService } from './account.service';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthService } from './auth.service';
import { InvitationRepository } from './invitation.repository';
import { InvitationsService } from './invitations.service';
import { LoginThrottle } from './login-throttle';
import { Membership } from './membership.entity';
import { PasswordLinksService } from './password-links.service';
import { PasswordTokenRepository } from './password-token.repository';
import { SessionCache } from './session-cache';
import { SessionRepository } from './session.repository';
import { User } from './user.entity';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Membership]), AuditModule],
  providers: [
    AuthService,
    AccountService,
    UsersService,
    InvitationsService,
    PasswordLinksService,
    AdminBootstrapService,
    SessionRepository,
    SessionCache,
    LoginThrottle,
    UserRepository,
    InvitationRepository,
    PasswordTokenRepository,
  ],
  exports: [
    AuthService,
    AccountService,
    UsersService,
    InvitationsService,
    AdminBootstrapService,
    SessionRepository,
    LoginThrottle,
  ],
})
export class AuthModule {}
