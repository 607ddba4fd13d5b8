import { Module } from '@nestjs/common';
import { QueueWorkerModule } from './queue/queue.module';
import { HeartbeatHandler } from './system/heartbeat.handler';

@Module({ imports: [QueueWorkerModule], providers: [HeartbeatHandler] })
export class SharedJobsModule {}
