import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@dachwerk/shared';
import { AccountController } from './account.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthModule } from './auth.module';
import { UsersController } from './users.controller';

@Module({
  imports: [
    AuthModule,
    // Per-IP limit on login only (the controller opts in). In memory, so per API process.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [
        { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT_PER_MINUTE },
      ],
    }),
  ],
  controllers: [AuthController, AccountController, UsersController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthApiModule {}
