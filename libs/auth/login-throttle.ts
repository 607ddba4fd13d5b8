import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, createProbeConnection, DomainError, type AppConfig } from '@dachwerk/shared';

/** Failures of one e-mail from one client before that pair is locked ... */
export const FAILURES_BEFORE_LOCK = 5;
/** ... for this long, doubling with every further failure ... */
export const FIRST_LOCK_SECONDS = 60;
/** ... up to this. */
export const MAX_LOCK_SECONDS = 60 * 60;
/** A pair's failures are forgotten this long after its last one (or at a success). */
const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;
const RATE_WINDOW_MS = 60_000;

/** Returns [0,0] to go ahead, [1, ms] while the pair is locked, [2, ms] when the client is over its rate. */
const CHECK = `
local lock = redis.call('PTTL', KEYS[2])
if lock > 0 then return {1, lock} end
if KEYS[1] == '' then return {0, 0} end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then return {2, redis.call('PTTL', KEYS[1])} end
return {0, 0}`;

/** Counts a failure of the pair; returns the lock it now has in ms (0 = none). */
const FAIL = `
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local t = tonumber(ARGV[1])
if n < t then return 0 end
local ms = math.min(tonumber(ARGV[2]) * 2 ^ (n - t), tonumber(ARGV[3]))
redis.call('SET', KEYS[2], '1', 'PX', ms)
return ms`;

interface Store {
  check(rateKey: string | undefined, lockKey: string, limit: number): Promise<[number, number]>;
  fail(failKey: string, lockKey: string): Promise<number>;
  clear(keys: string[]): Promise<void>;
}

/** Redis, shared by every API replica. */
class RedisStore implements Store {
  constructor(private readonly redis: IORedis) {}

  async check(rateKey: string | undefined, lockKey: string, limit: number) {
    return (await this.redis.eval(CHECK, 2, rateKey ?? '', lockKey, limit, RATE_WINDOW_MS)) as [
      number,
      number,
    ];
  }

  async fail(failKey: string, lockKey: string) {
    return Number(
      await this.redis.eval(
        FAIL,
        2,
        failKey,
        lockKey,
        FAILURES_BEFORE_LOCK,
        FIRST_LOCK_SECONDS * 1000,
        MAX_LOCK_SECONDS * 1000,
        FAILURE_MEMORY_MS,
      ),
    );
  }

  async clear(keys: string[]) {
    await this.redis.del(...keys);
  }
}

/** The same rules in this process's memory, while Redis cannot be reached. */
class MemoryStore implements Store {
  private readonly entries = new Map<string, { n: number; until: number }>();

  private live(key: string): { n: number; until: number } | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.until <= Date.now()) this.entries.delete(key);
    return this.entries.get(key);
  }

  private bump(key: string, ttlMs: number, refresh: boolean): number {
    const entry = this.live(key) ?? { n: 0, until: Date.now() + ttlMs };
    entry.n += 1;
    if (refresh) entry.until = Date.now() + ttlMs;
    this.entries.set(key, entry);
    return entry.n;
  }

  check(rateKey: string | undefined, lockKey: string, limit: number): Promise<[number, number]> {
    const lock = this.live(lockKey);
    if (lock) return Promise.resolve([1, lock.until - Date.now()]);
    if (!rateKey) return Promise.resolve([0, 0]);
    const n = this.bump(rateKey, RATE_WINDOW_MS, false);
    const until = this.live(rateKey)!.until;
    return Promise.resolve(n > limit ? [2, until - Date.now()] : [0, 0]);
  }

  fail(failKey: string, lockKey: string): Promise<number> {
    const n = this.bump(failKey, FAILURE_MEMORY_MS, true);
    if (n < FAILURES_BEFORE_LOCK) return Promise.resolve(0);
    const ms = Math.min(
      FIRST_LOCK_SECONDS * 1000 * 2 ** (n - FAILURES_BEFORE_LOCK),
      MAX_LOCK_SECONDS * 1000,
    );
    this.entries.set(lockKey, { n: 1, until: Date.now() + ms });
    return Promise.resolve(ms);
  }

  clear(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
    return Promise.resolve();
  }
}

/**
 * Login throttle, in Redis so every API replica counts the same. Two rules:
 * - each client (IP) may try LOGIN_RATE_LIMIT_PER_MINUTE logins a minute, whatever the e-mail;
 * - failures are counted per e-mail AND client: after 5, that pair is locked for a minute,
 *   doubling with each further failure up to an hour. A stranger elsewhere locks only
 *   themselves out, never the holder (see docs/decisions/0009-login-throttle.md).
 * While Redis is away the same rules hold per process, in memory.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger('LoginThrottle');
  private readonly redis: IORedis;
  private readonly shared: Store;
  private readonly local = new MemoryStore();
  private readonly prefix: string;
  private offline = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = createProbeConnection(config.REDIS_URL, {
      lazyConnect: true,
      commandTimeout: 500,
    });
    this.redis.on('error', () => undefined); // reported where a command fails
    this.shared = new RedisStore(this.redis);
    this.prefix = `${config.QUEUE_PREFIX}:login`;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  /** Before the password is checked: refuses a locked pair, or a client over its rate. */
  async check(email: string, client: string): Promise<void> {
    const [state, ms] = await this.use((s) =>
      s.check(
        this.rateKey(client),
        this.lockKey(email, client),
        this.config.LOGIN_RATE_LIMIT_PER_MINUTE,
      ),
    );
    if (state === 1)
      throw new DomainError('ACCOUNT_LOCKED', 'Too many failed logins; try again later', {
        retryAfterSeconds: Math.ceil(ms / 1000),
      });
    if (state === 2) throw this.tooMany(ms);
  }

  /** Only the client's rate: for public password endpoints. */
  async checkRate(client: string): Promise<void> {
    const [state, ms] = await this.use((s) =>
      s.check(this.rateKey(client), `${this.prefix}:none`, this.config.LOGIN_RATE_LIMIT_PER_MINUTE),
    );
    if (state === 2) throw this.tooMany(ms);
  }

  /** Counts a failure; returns the seconds the pair is now locked (0 = not locked). */
  async failed(email: string, client: string): Promise<number> {
    const ms = await this.use((s) =>
      s.fail(this.failKey(email, client), this.lockKey(email, client)),
    );
    return Math.ceil(ms / 1000);
  }

  async succeeded(email: string, client: string): Promise<void> {
    await this.use((s) => s.clear([this.failKey(email, client), this.lockKey(email, client)]));
  }

  private tooMany(ms: number): DomainError {
    return new DomainError(
      'TOO_MANY_REQUESTS',
      'Too many attempts from this address; wait a minute',
      {
        retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)),
      },
    );
  }

  private async use<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      const result = await fn(this.shared);
      this.offline = false;
      return result;
    } catch (error) {
      if (!this.offline)
        this.logger.warn({ err: error }, 'Redis unreachable: login throttle counts in memory');
      this.offline = true;
      return fn(this.local);
    }
  }

  private pair(email: string, client: string): string {
    // No e-mail addresses in Redis key names.
    return createHash('sha256').update(`${email}\n${client}`).digest('base64url').slice(0, 22);
  }

  private rateKey(client: string): string {
    return `${this.prefix}:rate:${client}`;
  }

  private failKey(email: string, client: string): string {
    return `${this.prefix}:fail:${this.pair(email, client)}`;
  }

  private lockKey(email: string, client: string): string {
    return `${this.prefix}:lock:${this.pair(email, client)}`;
  }
}
