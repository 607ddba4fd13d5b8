import { createOrganisation, createUser, TEST_PASSWORD } from '@dachwerk/testing';
import { SessionCache } from '@dachwerk/auth';
import IORedis from 'ioredis';
import { login, startApi, TestApi } from '../support/api';

describe('auth: login, sessions, lockout', () => {
  let api: TestApi;
  let orgId: string;

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql)).id;
  });
  afterAll(() => api.close());

  it('logs in: token, expiry, user with roles, and an httpOnly SameSite=Strict cookie', async () => {
    const user = await createUser(api.sql, { roles: { [orgId]: ['treasurer'] } });
    const res = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect(res.body.user).toMatchObject({
      email: user.email,
      organisations: [{ organisationId: orgId, roles: ['treasurer'] }],
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/dachwerk_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    // the cookie alone authenticates, as does the bearer token
    const sessionCookie = cookie.split(';')[0];
    await api.http().get('/api/v1/auth/me').set('Cookie', sessionCookie).expect(200);
    const me = await api
      .http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.token}`)
      .expect(200);
    expect(me.body.id).toBe(user.id);

    // only the hash of the token is stored
    const stored = await api.superSql.query<{ h: string }[]>(
      `SELECT encode(token_hash, 'hex') AS h FROM sessions WHERE user_id = $1`,
      [user.id],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].h).not.toContain(Buffer.from(res.body.token).toString('hex'));
  });

  it('answers a wrong password and an unknown e-mail the same way', async () => {
    const user = await createUser(api.sql);
    const wrong = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'not the password!' })
      .expect(401);
    const unknown = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@test.example', password: 'not the password!' })
      .expect(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    const strip = (b: Record<string, unknown>) => ({ ...b, errorId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses requests without a token, with an unknown token, and after logout', async () => {
    const none = await api.http().get('/api/v1/auth/me').expect(401);
    expect(none.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await api
      .http()
      .get('/api/v1/auth/me')
      .set('Authorization', 'Bearer made-up-token')
      .expect(401);

    const user = await createUser(api.sql);
    const auth = await login(api, user.email, user.password);
    await api.http().post('/api/v1/auth/logout').set(auth).expect(204);
    await api.http().get('/api/v1/auth/me').set(auth).expect(401);
  });

  it('ends a session after 30 minutes idle and after 12 hours in any case', async () => {
    const user = await createUser(api.sql);
    const idle = await login(api, user.email, user.password);
    const old = await login(api, user.email, user.password);
    await api.http().get('/api/v1/auth/me').set(idle).expect(200);
    const hash = (token: string) =>
      require('node:crypto').createHash('sha256').update(token).digest();
    const token = (h: { Authorization: string }) => h.Authorization.slice(7);
    await api.superSql.query(
      `UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1`,
      [hash(token(idle))],
    );
    await api.superSql.query(
      `UPDATE sessions SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour' WHERE token_hash = $1`,
      [hash(token(old))],
    );
    // The clock moved behind the application's back: tell the session cache, as every
    // change made through the application does.
    await api.app.get(SessionCache).dropUser(user.id);
    await api.http().get('/api/v1/auth/me').set(idle).expect(401);
    await api.http().get('/api/v1/auth/me').set(old).expect(401);
  });

  it('lets a user end all their sessions', async () => {
    const user = await createUser(api.sql);
    const a = await login(api, user.email, user.password);
    const b = await login(api, user.email, user.password);
    const res = await api.http().post('/api/v1/auth/logout-all').set(a).expect(200);
    expect(res.body.sessionsEnded).toBe(2);
    await api.http().get('/api/v1/auth/me').set(a).expect(401);
    await api.http().get('/api/v1/auth/me').set(b).expect(401);
  });

  it('refuses inactive users', async () => {
    const user = await createUser(api.sql, { isActive: false });
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
  });
});

describe('auth: login throttle (Redis)', () => {
  let api: TestApi;
  let redis: IORedis;
  beforeAll(async () => {
    // Behind a proxy on this host: X-Forwarded-For names the client.
    api = await startApi({ TRUST_PROXY: 'loopback' });
    redis = new IORedis(process.env.REDIS_URL!);
  });
  afterAll(async () => {
    redis.disconnect();
    await api.close();
  });

  const attempt = (email: string, password: string, client: string) =>
    api.http().post('/api/v1/auth/login').set('X-Forwarded-For', client).send({ email, password });
  /** As if every lock had run out. */
  const endLocks = async () => {
    const keys = await redis.keys(`${api.db.name}:login:lock:*`);
    if (keys.length) await redis.del(...keys);
  };

  it('locks an e-mail for one client after 5 failures, doubling the lock; the holder elsewhere still logs in', async () => {
    const user = await createUser(api.sql);
    const stranger = '203.0.113.7';
    for (let i = 0; i < 5; i++) await attempt(user.email, `wrong ${i}`, stranger).expect(401);
    const locked = await attempt(user.email, user.password, stranger).expect(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    await attempt(user.email, user.password, '198.51.100.2').expect(200);

    await endLocks();
    await attempt(user.email, 'wrong again', stranger).expect(401);
    const longer = await attempt(user.email, user.password, stranger).expect(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(110);
    expect(Number(longer.headers['retry-after'])).toBeLessThanOrEqual(120);
    const [audit] = await api.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.locked' AND entity_id = $1`,
      [user.id],
    );
    expect(audit.n).toBe(2);

    // A success from that client forgets its failures.
    await endLocks();
    await attempt(user.email, user.password, stranger).expect(200);
    for (let i = 0; i < 4; i++) await attempt(user.email, `wrong ${i}`, stranger).expect(401);
    await attempt(user.email, user.password, stranger).expect(200);
  });

  it('locks an unknown e-mail the same way, so a lock reveals nothing', async () => {
    for (let i = 0; i < 5; i++)
      await attempt('ghost@test.example', `wrong ${i}`, '203.0.113.9').expect(401);
    const res = await attempt('ghost@test.example', 'whatever pass', '203.0.113.9').expect(429);
    expect(res.body.code).toBe('ACCOUNT_LOCKED');
    const keys = await redis.keys(`${api.db.name}:login:*`);
    expect(keys.join(' ')).not.toMatch(/ghost|test\.example/);
  });

  it('limits password changes like logins: a stolen session cannot guess the password', async () => {
    const user = await createUser(api.sql);
    const session = await login(api, user.email, user.password);
    const change = (currentPassword: string) =>
      api
        .http()
        .post('/api/v1/auth/password')
        .set(session)
        .send({ currentPassword, newPassword: 'Linden-Allee 42 im Herbst' });
    for (let i = 0; i < 5; i++) await change(`wrong ${i}`).expect(422);
    const locked = await change(user.password).expect(429);
    expect(locked.headers['retry-after']).toBeDefined();
  });
});

describe('auth: per-client rate limit on login', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => api.close());

  it('answers 429 with Retry-After once a client exceeds the limit, whatever the e-mail', async () => {
    for (let i = 0; i < 3; i++) {
      await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: `a${i}@test.example`, password: 'some password' })
        .expect(401);
    }
    const res = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'other@test.example', password: 'some password' })
      .expect(429);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Without a trusted proxy, X-Forwarded-For is no way around it.
    await api
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '198.51.100.77')
      .send({ email: 'other@test.example', password: 'some password' })
      .expect(429);
    const reset = await api
      .http()
      .post('/api/v1/auth/password-reset/request')
      .send({ email: 'other@test.example' })
      .expect(429);
    expect(reset.headers['retry-after']).toBeDefined();
  });
});
