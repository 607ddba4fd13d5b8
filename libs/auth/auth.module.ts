import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dachwerk/audit';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthService } from './auth.service';
import { LoginAttemptRepository } from './login-attempt.repository';
import { Membership } from './membership.entity';
import { SessionRepository } from './session.repository';
import { User } from './user.entity';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Membership]), AuditModule],
  providers: [
    AuthService,
    UsersService,
    AdminBootstrapService,
    SessionRepository,
    LoginAttemptRepository,
    UserRepository,
  ],
  exports: [AuthService, UsersService, AdminBootstrapService, SessionRepository],
})
export class AuthModule {}
