import { Module } from '@nestjs/common';
import { QueueWorkerModule } from './queue/queue.module';
import { SystemHandlers } from './system/system.handlers';

@Module({ imports: [QueueWorkerModule], providers: [SystemHandlers] })
export class SharedJobsModule {}
