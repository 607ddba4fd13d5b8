import IORedis, { RedisOptions } from 'ioredis';

/** A connection as BullMQ wants it (no per-command retry limit for blocking calls). */
export function createBullConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: false });
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
