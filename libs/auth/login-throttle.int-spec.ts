import { APP_CONFIG, DomainError, type AppConfig } from '@dachwerk/shared';
import { createTestModule, TestModule } from '@dachwerk/testing';
import { AuthModule } from './auth.module';
import { FAILURES_BEFORE_LOCK, LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  let t: TestModule;
  let config: AppConfig;
  const made: LoginThrottle[] = [];
  const throttle = (overrides: Partial<AppConfig> = {}) => {
    const created = new LoginThrottle({ ...config, ...overrides });
    made.push(created);
    return created;
  };
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
    );

  beforeAll(async () => {
    t = await createTestModule([AuthModule]);
    config = t.moduleRef.get<AppConfig>(APP_CONFIG);
  });
  afterAll(async () => {
    for (const m of made) m.onModuleDestroy();
    await t.close();
  });

  it('is shared by replicas: failures counted by one API process lock the pair in another', async () => {
    const [a, b] = [throttle(), throttle()];
    for (let i = 0; i < FAILURES_BEFORE_LOCK - 1; i++)
      expect(await a.failed('shared@test.example', '192.0.2.1')).toBe(0);
    expect(await b.failed('shared@test.example', '192.0.2.1')).toBe(60);
    expect(await codeOf(a.check('shared@test.example', '192.0.2.1'))).toBe('ACCOUNT_LOCKED');
    expect(await codeOf(b.check('shared@test.example', '192.0.2.2'))).toBe('ok');
    expect(await codeOf(b.check('other@test.example', '192.0.2.1'))).toBe('ok');
  });

  it('backs off: each failure past the fifth doubles the lock, up to an hour', async () => {
    const one = throttle();
    const locks: number[] = [];
    for (let i = 0; i < 13; i++) locks.push(await one.failed('backoff@test.example', '192.0.2.3'));
    expect(locks).toEqual([0, 0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    await one.succeeded('backoff@test.example', '192.0.2.3');
    expect(await codeOf(one.check('backoff@test.example', '192.0.2.3'))).toBe('ok');
    expect(await one.failed('backoff@test.example', '192.0.2.3')).toBe(0);
  });

  it('keeps the same rules in memory while Redis cannot be reached', async () => {
    const offline = throttle({ REDIS_URL: 'redis://127.0.0.1:1' });
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i++)
      await offline.failed('x@test.example', '192.0.2.4');
    expect(await codeOf(offline.check('x@test.example', '192.0.2.4'))).toBe('ACCOUNT_LOCKED');
    expect(await codeOf(offline.check('x@test.example', '192.0.2.5'))).toBe('ok');
  });
});
