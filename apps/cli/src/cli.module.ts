import { Module } from '@nestjs/common';
import { AuthModule } from '@dachwerk/auth';
import { SharedModule } from '@dachwerk/shared';

/** What operator commands need from the libraries (no HTTP, no job consumers). */
@Module({ imports: [SharedModule, AuthModule] })
export class CliModule {}
