import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module';
import { PurgeSessionsHandler } from './purge-sessions.handler';

@Module({ imports: [AuthModule], providers: [PurgeSessionsHandler] })
export class AuthJobsModule {}
