import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountController } from './account.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthModule } from './auth.module';
import { UsersController } from './users.controller';

@Module({
  imports: [AuthModule],
  controllers: [AuthController, AccountController, UsersController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthApiModule {}
