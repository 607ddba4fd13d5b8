import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

/** The session cookie must not let another site change anything (CSRF). */
describe('cross-site request defence', () => {
  let api: TestApi;
  let orgId: string;
  let cookie: string;
  let host: string;

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql)).id;
    const user = await createUser(api.sql, { roles: { [orgId]: ['admin', 'staff'] } });
    const res = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    cookie = String(res.headers['set-cookie']).split(';')[0];
    const address = api.app.getHttpServer().address();
    host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => api.close());

  let n = 0;
  const tier = () => ({
    code: `T${++n}`,
    name: 'Einzelmitglied',
    memberForm: 'individual',
    interval: 'yearly',
    validFrom: '2026-01-01',
    amountCents: 6000,
  });
  const countTiers = async (): Promise<number> =>
    Number(
      (
        await api.sql.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM membership_tiers WHERE organisation_id = $1`,
          [orgId],
        )
      )[0].n,
    );

  it('refuses a cross-site POST with the session cookie and changes nothing', async () => {
    const before = await countTiers();
    const res = await api
      .http()
      .post(`/api/v1/organisations/${orgId}/tiers`)
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Origin', 'https://evil.example')
      .send(tier())
      .expect(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('CROSS_SITE_REQUEST');
    expect(await countTiers()).toBe(before);
  });

  it('refuses a foreign Origin when the browser sends no Sec-Fetch-Site', async () => {
    const res = await api
      .http()
      .post('/api/v1/auth/logout')
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .expect(403);
    expect(res.body.code).toBe('CROSS_SITE_REQUEST');
    // the session survived the forged logout
    await api.http().get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
  });

  it('refuses a cookie-authenticated change that names no origin at all', async () => {
    const res = await api
      .http()
      .post(`/api/v1/organisations/${orgId}/tiers`)
      .set('Cookie', cookie)
      .send(tier())
      .expect(403);
    expect(res.body.code).toBe('CROSS_SITE_REQUEST');
  });

  it('refuses a cross-site login (login CSRF)', async () => {
    const res = await api
      .http()
      .post('/api/v1/auth/login')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ email: 'someone@example.org', password: 'whatever-it-is' })
      .expect(403);
    expect(res.body.code).toBe('CROSS_SITE_REQUEST');
  });

  it('lets the same origin change things with the cookie', async () => {
    const res = await api
      .http()
      .get('/api/v1/auth/me')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(200); // reading is safe; SameSite=Strict keeps the cookie off it in browsers
    expect(res.body.organisations[0].organisationId).toBe(orgId);
    await api
      .http()
      .post(`/api/v1/organisations/${orgId}/tiers`)
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Origin', `http://${host}`)
      .send(tier())
      .expect(201);
    await api
      .http()
      .post(`/api/v1/organisations/${orgId}/tiers`)
      .set('Cookie', cookie)
      .set('Host', host)
      .set('Origin', `http://${host}`)
      .send(tier())
      .expect(201);
  });

  it('lets scripts with the bearer token through without browser headers', async () => {
    const user = await createUser(api.sql, { roles: { [orgId]: ['staff'] } });
    const { Authorization } = await login(api, user.email, user.password);
    const before = await countTiers();
    await api
      .http()
      .post(`/api/v1/organisations/${orgId}/tiers`)
      .set('Authorization', Authorization)
      .send(tier())
      .expect(201);
    expect(await countTiers()).toBe(before + 1);
  });
});
