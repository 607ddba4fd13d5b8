import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queue/queue.module';
import { DocumentsModule } from './documents/documents.module';
import { MailModule } from './mail/mailer';
import { ClockModule } from './dates/clock';

/** Platform services every process needs: config, database, queue producer, document store. */
@Module({
  imports: [ConfigModule, ClockModule, DatabaseModule, QueueModule, DocumentsModule, MailModule],
  exports: [ConfigModule, ClockModule, DatabaseModule, QueueModule, DocumentsModule, MailModule],
})
export class SharedModule {}
