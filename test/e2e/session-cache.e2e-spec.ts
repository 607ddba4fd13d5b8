import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { SessionCache } from '@dachwerk/auth';
import { createOrganisation, createUser, type UserRow } from '@dachwerk/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { login, startApi, TestApi, waitFor } from '../support/api';

type Auth = { Authorization: string };

/**
 * Sessions are cached per process (docs/decisions/0008-session-cache.md). Two API instances
 * on one database and one Redis, as two replicas behind a load balancer. On the instance
 * that made a change it holds for the very next request (dropped before the answer); the
 * other hears of it through Redis, published before the answer too — on a loaded machine
 * Redis may hand it over a few milliseconds after the publisher's reply, so the other
 * instance is given up to a second, far inside the cache's lifetime set here (30 s).
 */
describe('session cache across two API instances', () => {
  let api: TestApi;
  let second: NestExpressApplication;
  let orgId: string;
  let platformAdmin: Auth;
  let orgAdmin: Auth;

  const on = (app: NestExpressApplication) => request(app.getHttpServer());
  const a = () => api.app;
  const me = (app: NestExpressApplication, auth: Auth) => on(app).get('/api/v1/auth/me').set(auth);
  /** The other instance answers so within a second: through Redis, not by the entry ageing. */
  const soon = async (probe: () => Promise<boolean>) => {
    await waitFor(async () => (await probe()) || undefined, 1_000);
  };
  const status = async (req: request.Test) => (await req).status;
  const bankAccounts = (app: NestExpressApplication, auth: Auth) =>
    on(app).get(`/api/v1/organisations/${orgId}/bank-accounts`).set(auth);
  /** A treasurer logged in once, whose session both instances have cached. */
  const cachedTreasurer = async (): Promise<{ user: UserRow; auth: Auth }> => {
    const user = await createUser(api.sql, { roles: { [orgId]: ['treasurer'] } });
    const auth = await login(api, user.email, user.password);
    for (const app of [a(), second]) {
      await me(app, auth).expect(200);
      await bankAccounts(app, auth).expect(200);
    }
    return { user, auth };
  };

  beforeAll(async () => {
    api = await startApi({ SESSION_CACHE_MS: '30000' });
    // The second replica: same database, Redis and queue prefix (startApi set the environment).
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    second = moduleRef.createNestApplication<NestExpressApplication>({
      bodyParser: false,
      bufferLogs: true,
    });
    configureApp(second);
    await second.init();
    await waitFor(async () => [a(), second].every((app) => app.get(SessionCache).isSubscribed()));
    orgId = (await createOrganisation(api.sql)).id;
    const admin = await createUser(api.sql, { isPlatformAdmin: true });
    platformAdmin = await login(api, admin.email, admin.password);
    const clubAdmin = await createUser(api.sql, { roles: { [orgId]: ['admin'] } });
    orgAdmin = await login(api, clubAdmin.email, clubAdmin.password);
  });
  afterAll(async () => {
    await second.close();
    await api.close();
  });

  it('answers from the cache: a change made behind the application’s back is not seen', async () => {
    const { user, auth } = await cachedTreasurer();
    await api.sql.query(`UPDATE users SET name = 'Geändert per SQL' WHERE id = $1`, [user.id]);
    for (const app of [a(), second])
      expect((await me(app, auth).expect(200)).body.name).not.toBe('Geändert per SQL');
  });

  it('a user deactivated on one instance is refused by both at once', async () => {
    const { user, auth } = await cachedTreasurer();
    await on(a())
      .patch(`/api/v1/users/${user.id}`)
      .set(platformAdmin)
      .send({ isActive: false })
      .expect(200);
    await me(a(), auth).expect(401);
    await soon(async () => (await status(me(second, auth))) === 401);
  });

  it('a role taken away on one instance is gone on the other for the next request', async () => {
    const { user, auth } = await cachedTreasurer();
    await on(second)
      .put(`/api/v1/users/${user.id}/organisations/${orgId}`)
      .set(orgAdmin)
      .send({ roles: ['staff'] })
      .expect(200);
    expect((await me(second, auth).expect(200)).body.organisations).toEqual([
      { organisationId: orgId, roles: ['staff'], initiativeIds: [] },
    ]);
    await soon(async () => (await me(a(), auth)).body.organisations[0].roles[0] === 'staff');
    await on(second)
      .put(`/api/v1/users/${user.id}/organisations/${orgId}`)
      .set(orgAdmin)
      .send({ roles: [] })
      .expect(200);
    await bankAccounts(second, auth).expect(404);
    await soon(async () => (await status(bankAccounts(a(), auth))) === 404);
  });

  it('logout and a password change end the sessions on every instance', async () => {
    const { user, auth } = await cachedTreasurer();
    const other = await login(api, user.email, user.password);
    await me(second, other).expect(200);
    await on(a()).post('/api/v1/auth/logout').set(auth).expect(204);
    await me(a(), auth).expect(401);
    await soon(async () => (await status(me(second, auth))) === 401);
    await me(second, other).expect(200);

    const third = await login(api, user.email, user.password);
    await me(a(), other).expect(200);
    await on(second)
      .post('/api/v1/auth/password')
      .set(third)
      .send({ currentPassword: user.password, newPassword: 'Sieben Zwerge hinter den Bergen' })
      .expect((res) => expect(res.status).toBeLessThan(300));
    // The session that changed the password stays; every other one ends.
    await me(second, other).expect(401);
    await soon(async () => (await status(me(a(), other))) === 401);
    await me(a(), third).expect(200);
  });
});
