import { parseConfig } from './config.schema';

const valid = { DATABASE_URL: 'postgres://a@b/c', REDIS_URL: 'redis://localhost:6379' };

describe('parseConfig', () => {
  it('fills defaults', () => {
    const config = parseConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.SESSION_IDLE_MINUTES).toBe(30);
    expect(config.TRUST_PROXY).toBe(false);
  });

  it('names a missing variable', () => {
    expect(() => parseConfig({ REDIS_URL: valid.REDIS_URL })).toThrow(/DATABASE_URL: is required/);
  });

  it('names a malformed variable', () => {
    expect(() => parseConfig({ ...valid, PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseConfig({ ...valid, REDIS_URL: 'http://x' })).toThrow(
      /REDIS_URL: must be a redis/,
    );
  });
});
