import IORedis, { RedisOptions } from 'ioredis';

/** A connection as BullMQ's workers want it (no per-command retry limit for blocking calls). */
export function createBullConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: false });
}

/**
 * For producers (the outbox relay, reconcilers, the dashboard): a command fails at once
 * while Redis is away instead of waiting in an offline queue for as long as it is gone.
 */
export function createProducerConnection(url: string): IORedis {
  return new IORedis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/** A connection that fails fast instead of queueing commands while Redis is down. */
export function createProbeConnection(url: string, options: RedisOptions = {}): IORedis {
  return new IORedis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...options,
  });
}
