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
}

/** A registry of two jobs, so the test does not change whenever a library adds one. */
const REGISTRY = {
  'system.heartbeat': { queue: 'system' },
  'auth.purge-sessions': { queue: 'maintenance' },
};

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
      REGISTRY,
    );
    expect([...handlers.keys()].sort()).toEqual(['auth.purge-sessions', 'system.heartbeat']);
    await expect(handlers.get('system.heartbeat')!({} as never)).resolves.toBe('beat');
  });

  it('refuses to start when a registered job has no handler', () => {
    expect(() =>
      collectHandlers(
        discoveryOf(new Heartbeat()),
        new MetadataScanner(),
        new Reflector(),
        REGISTRY,
      ),
    ).toThrow(new MissingJobHandlerError('No handler for registered job(s): auth.purge-sessions'));
  });
});
