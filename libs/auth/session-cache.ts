import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type IORedis from 'ioredis';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { APP_CONFIG, createProbeConnection, type Actor, type AppConfig } from '@dachwerk/shared';

/** Set on the transaction's query runner: whose sessions the transaction changed. */
interface ChangedUsers {
  authChanged?: Set<string>;
}

/**
 * Marks, inside the transaction that changes them, that a user's sessions, roles,
 * initiatives, activity or name changed: when it commits, every API process drops what it
 * cached for that user. Called by the repositories that write these tables.
 */
export function authChanged(manager: EntityManager, userId: string): void {
  const runner = manager.queryRunner;
  if (runner?.isTransactionActive) {
    ((runner.data ?? (runner.data = {})) as ChangedUsers).authChanged ??= new Set();
    (runner.data as ChangedUsers).authChanged!.add(userId);
    return;
  }
  // Written outside a transaction (autocommit): the change is visible already.
  for (const cache of caches) void cache.dropUser(userId);
}

/** Every SessionCache of this process (one per Nest application; tests run several). */
const caches = new Set<SessionCache>();

interface Entry {
  userId: string;
  actor: Actor;
  lastSeenAt: Date;
  expiresAt: number;
  cachedAt: number;
}

/** What the cache needs from a session lookup. */
export interface CacheableSession {
  actor: Actor;
  lastSeenAt: Date;
  expiresAt: Date;
}

const MAX_ENTRIES = 20_000;

/**
 * A per-process cache of resolved sessions, so most requests need no database round trip
 * (docs/decisions/0008-session-cache.md). Entries live SESSION_CACHE_MS at most; a commit
 * that changes a user's sessions, roles, initiatives or activity drops that user's entries
 * here at once and, through Redis pub/sub, in every other process before the request that
 * made the change answers. While this process is not subscribed (Redis away, reconnecting)
 * the cache is bypassed and emptied, so a missed message can never keep a revoked session.
 */
@Injectable()
export class SessionCache
  implements OnModuleInit, OnModuleDestroy, EntitySubscriberInterface<unknown>
{
  private readonly logger = new Logger('SessionCache');
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly channel: string;
  private publisher?: IORedis;
  private subscriber?: IORedis;
  private live = false;
  /** Bumped by every drop: a lookup that started before a drop does not store its result. */
  private version = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {
    this.ttlMs = config.SESSION_CACHE_MS;
    this.channel = `${config.QUEUE_PREFIX}:auth-changed`;
  }

  onModuleInit(): void {
    // Publishing happens in every process that writes users (API, worker, CLI).
    this.db.subscribers.push(this);
    caches.add(this);
    // Connected from the start, and a publish waits (up to a second) for a reconnect:
    // a change must not go unannounced because this connection was between two attempts.
    this.publisher = createProbeConnection(this.config.REDIS_URL, {
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
    });
    this.publisher.on('error', () => undefined); // reported where a publish fails
    if (this.ttlMs === 0) return;
    const subscriber = createProbeConnection(this.config.REDIS_URL, {
      lazyConnect: true,
      autoResubscribe: false,
    });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined); // the cache is bypassed until subscribed again
    subscriber.on('close', () => this.goOffline());
    subscriber.on('ready', () => {
      subscriber
        .subscribe(this.channel)
        .then(() => {
          // Messages sent while away are lost: start from nothing.
          this.clear();
          this.live = true;
        })
        .catch(() => this.goOffline());
    });
    subscriber.on('message', (_channel: string, userId: string) => this.drop(userId));
    subscriber.connect().catch(() => undefined);
  }

  onModuleDestroy(): void {
    caches.delete(this);
    const index = this.db.subscribers.indexOf(this);
    if (index >= 0) this.db.subscribers.splice(index, 1);
    this.live = false;
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }

  /** Whether changes reach this process (else the cache is bypassed). For tests and health. */
  isSubscribed(): boolean {
    return this.live;
  }

  /** A live entry for this token hash, or undefined (then ask the database). */
  get(key: string): Entry | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = Date.now();
    if (now - entry.cachedAt >= this.ttlMs || now >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** The version to pass to `put` for a lookup that starts now. */
  begin(): number {
    return this.version;
  }

  put(key: string, session: CacheableSession, startedAt: number): void {
    if (!this.live || startedAt !== this.version) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, {
      userId: session.actor.userId,
      actor: session.actor,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt.getTime(),
      cachedAt: Date.now(),
    });
  }

  /** Drops the user's entries here and in every other process; resolves once Redis took it. */
  async dropUser(userId: string): Promise<void> {
    this.drop(userId);
    try {
      await this.publisher!.publish(this.channel, userId);
    } catch (error) {
      // The other processes are then not subscribed either (and bypass their caches), or
      // their entries end within SESSION_CACHE_MS.
      this.logger.warn({ userId, error: String(error) }, 'Could not publish a session change');
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): Promise<void> | void {
    const users = (event.queryRunner.data as ChangedUsers | undefined)?.authChanged;
    if (!users?.size) return;
    (event.queryRunner.data as ChangedUsers).authChanged = undefined;
    return Promise.all([...users].map((id) => this.dropUser(id))).then(() => undefined);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const data = event.queryRunner.data as ChangedUsers | undefined;
    if (data) data.authChanged = undefined;
  }

  private drop(userId: string): void {
    this.version++;
    for (const [key, entry] of this.entries) if (entry.userId === userId) this.entries.delete(key);
  }

  private clear(): void {
    this.version++;
    this.entries.clear();
  }

  private goOffline(): void {
    this.live = false;
    this.clear();
  }
}
