import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

describe('roles and organisation scope', () => {
  let api: TestApi;
  let own: string;
  let other: string;
  let staff: { Authorization: string };
  let admin: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    own = (await createOrganisation(api.sql)).id;
    other = (await createOrganisation(api.sql)).id;
    const s = await createUser(api.sql, { roles: { [own]: ['staff'] } });
    const a = await createUser(api.sql, { roles: { [own]: ['admin'] } });
    staff = await login(api, s.email, s.password);
    admin = await login(api, a.email, a.password);
  });
  afterAll(() => api.close());

  it('answers 403 for a wrong role, in problem+json', async () => {
    const res = await api
      .http()
      .patch(`/api/v1/organisations/${own}`)
      .set(staff)
      .send({ city: 'Ulm' })
      .expect(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const [row] = await api.sql.query(`SELECT city FROM organisations WHERE id = $1`, [own]);
    expect(row.city).toBe('Stuttgart');
  });

  it('answers 404 for another organisation and its records, never 403', async () => {
    for (const path of [
      `/api/v1/organisations/${other}`,
      `/api/v1/organisations/${other}/bank-accounts`,
      `/api/v1/organisations/${other}/exemption-notices`,
      `/api/v1/organisations/${other}/audit-events`,
    ]) {
      const res = await api.http().get(path).set(admin);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    await api
      .http()
      .patch(`/api/v1/organisations/${other}`)
      .set(admin)
      .send({ city: 'Ulm' })
      .expect(404);
    await api.http().get(`/api/v1/organisations/not-a-uuid/bank-accounts`).set(admin).expect(404);
  });

  it('lists only the organisations the caller belongs to', async () => {
    const res = await api.http().get('/api/v1/organisations').set(staff).expect(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual([own]);
  });

  it('hides users of other organisations from an admin', async () => {
    const stranger = await createUser(api.sql, { roles: { [other]: ['admin'] } });
    await api.http().get(`/api/v1/users/${stranger.id}`).set(admin).expect(404);
    const list = await api.http().get('/api/v1/users').set(admin).expect(200);
    expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(stranger.id);
    await api.http().get('/api/v1/users').set(staff).expect(403);
  });

  it('lets only platform admins found organisations; the founder becomes admin', async () => {
    const body = {
      name: 'Neuer Verein e.V.',
      legalForm: 'eingetragener_verein',
      street: 'Weg 1',
      postalCode: '70173',
      city: 'Stuttgart',
    };
    await api.http().post('/api/v1/organisations').set(admin).send(body).expect(403);
    const platform = await createUser(api.sql, { isPlatformAdmin: true });
    const auth = await login(api, platform.email, platform.password);
    const created = await api.http().post('/api/v1/organisations').set(auth).send(body).expect(201);
    await api
      .http()
      .patch(`/api/v1/organisations/${created.body.id}`)
      .set(auth)
      .send({ city: 'Esslingen' })
      .expect(200);
    await api
      .http()
      .post('/api/v1/organisations')
      .set(auth)
      .send({ ...body, name: 'neuer verein e.v.' })
      .expect(409);
  });

  it('guards the queue dashboard: 401 without session, 403 for organisation admins, 200 for platform admins', async () => {
    await api.http().get('/admin/queues').expect(401);
    await api.http().get('/admin/queues').set(staff).expect(403);
    // It shows and retries every organisation's jobs.
    await api.http().get('/admin/queues').set(admin).expect(403);
    await api.http().get('/admin/queues/api/queues').set(admin).expect(403);
    const root = await createUser(api.sql, { isPlatformAdmin: true });
    const platform = await login(api, root.email, root.password);
    const res = await api.http().get('/admin/queues').set(platform).expect(200);
    expect(res.text).toMatch(/<html/i);
    const queues = await api.http().get('/admin/queues/api/queues').set(platform).expect(200);
    expect(queues.body.queues.length).toBeGreaterThan(0);
  });
});
