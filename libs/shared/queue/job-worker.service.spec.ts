import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JobHandler } from './job-handler.decorator';
import { collectHandlers, MissingJobHandlerError } from './job-worker.service';

@Injectable()
class Heartbeat {
  @JobHandler('system.heartbeat')
  async handle(): Promise<string> {
    return 'beat';
  }
}

@Injectable()
class Purge {
  @JobHandler('auth.purge-sessions')
  async handle(): Promise<void> {}

  @JobHandler('system.purge-idempotency-keys')
  async keys(): Promise<void> {}
}

const discoveryOf = (...instances: object[]): DiscoveryService =>
  ({
    getProviders: () => instances.map((instance) => ({ instance })),
  }) as unknown as DiscoveryService;

describe('collectHandlers', () => {
  it('finds a handler for every registered job', async () => {
    const handlers = collectHandlers(
      discoveryOf(new Heartbeat(), new Purge()),
      new MetadataScanner(),
      new Reflector(),
    );
    expect([...handlers.keys()].sort()).toEqual([
      'auth.purge-sessions',
      'system.heartbeat',
      'system.purge-idempotency-keys',
    ]);
    await expect(handlers.get('system.heartbeat')!({} as never)).resolves.toBe('beat');
  });

  it('refuses to start when a registered job has no handler', () => {
    expect(() =>
      collectHandlers(discoveryOf(new Heartbeat()), new MetadataScanner(), new Reflector()),
    ).toThrow(
      new MissingJobHandlerError(
        'No handler for registered job(s): auth.purge-sessions, system.purge-idempotency-keys',
      ),
    );
  });
});
