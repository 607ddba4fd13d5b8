import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueue } from './job-queue.service';
import { JobWorker } from './job-worker.service';

/** Producer side, for every process. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class QueueModule {}

/** Consumer side, for apps/worker only. */
@Module({ imports: [DiscoveryModule], providers: [JobWorker] })
export class QueueWorkerModule {}
