// globalSetup runs outside the projects, so their moduleNameMapper does not apply here.
import 'tsconfig-paths/register';
import { rm } from 'node:fs/promises';
import { stopPostgres } from '@dachwerk/shared';
import type { GlobalServices } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __dachwerk?: GlobalServices }).__dachwerk;
  if (!services) return;
  const redisExited = new Promise((resolve) => services.redis.once('exit', resolve));
  services.redis.kill('SIGKILL');
  await redisExited;
  await stopPostgres(services.postgres);
  await rm(services.dir, { recursive: true, force: true });
}
