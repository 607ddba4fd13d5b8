import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueue } from './job-queue.service';
import { JobWorker } from './job-worker.service';
import { OutboxRelay } from './outbox-relay';

/** Producer side and the outbox relay, for every process. */
@Global()
@Module({ providers: [JobQueue, OutboxRelay], exports: [JobQueue, OutboxRelay] })
export class QueueModule {}

/** Consumer side, for apps/worker only. */
@Module({ imports: [DiscoveryModule], providers: [JobWorker] })
export class QueueWorkerModule {}
