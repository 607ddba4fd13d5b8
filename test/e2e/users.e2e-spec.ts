import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

describe('user administration', () => {
  let api: TestApi;
  let orgId: string;
  let admin: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql)).id;
    const a = await createUser(api.sql, { roles: { [orgId]: ['admin'] } });
    admin = await login(api, a.email, a.password);
  });
  afterAll(() => api.close());

  it('creates a user who can log in, changes roles, resets the password and deactivates', async () => {
    const password = 'Streuobstwiese im Mai';
    const created = await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'Kasse@Test.Example',
        name: 'Karla Kasse',
        password,
        organisations: [{ organisationId: orgId, roles: ['treasurer'] }],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      email: 'kasse@test.example',
      isActive: true,
      organisations: [{ organisationId: orgId, roles: ['treasurer'] }],
    });
    const id = created.body.id as string;
    await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'kasse@test.example',
        name: 'X',
        password,
        organisations: [{ organisationId: orgId, roles: ['staff'] }],
      })
      .expect(409);

    const session = await login(api, 'kasse@test.example', password);
    const roles = await api
      .http()
      .put(`/api/v1/users/${id}/organisations/${orgId}`)
      .set(admin)
      .send({ roles: ['treasurer', 'board'] })
      .expect(200);
    expect(roles.body.organisations[0].roles.sort()).toEqual(['board', 'treasurer']);
    const me = await api.http().get('/api/v1/auth/me').set(session).expect(200);
    expect(me.body.organisations[0].roles.sort()).toEqual(['board', 'treasurer']);

    await api
      .http()
      .post(`/api/v1/users/${id}/password`)
      .set(admin)
      .send({ password: 'Ein ganz neues Passwort' })
      .expect(204);
    await api.http().get('/api/v1/auth/me').set(session).expect(401); // reset ends sessions
    const fresh = await login(api, 'kasse@test.example', 'Ein ganz neues Passwort');

    await api.http().patch(`/api/v1/users/${id}`).set(admin).send({ isActive: false }).expect(200);
    await api.http().get('/api/v1/auth/me').set(fresh).expect(401);
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'kasse@test.example', password: 'Ein ganz neues Passwort' })
      .expect(401);

    const audit = await api.sql.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual([
      'user.created',
      'auth.login',
      'user.roles-changed',
      'user.password-reset',
      'auth.login',
      'user.updated',
    ]);
    const [reset] = await api.sql.query(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'user.password-reset'`,
      [id],
    );
    expect(JSON.stringify(reset.changes)).not.toMatch(/argon2|Passwort/);
  });

  it('binds initiative users to initiatives and refuses initiatives for other roles', async () => {
    const [{ id: initiativeId }] = await api.sql.query(
      `INSERT INTO initiatives (organisation_id, name, purpose, tax_purpose, cost_centre)
       VALUES ($1, 'Nachbarschaftsgarten', 'Garten', 'Umweltschutz', 'INI-NG') RETURNING id`,
      [orgId],
    );
    const unknown = await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'ini-unknown@test.example',
        name: 'Ini',
        password: 'Nachbarschaftsgarten 2026',
        organisations: [
          {
            organisationId: orgId,
            roles: ['initiative'],
            initiativeIds: ['6f1c7c1e-0000-4000-8000-000000000001'],
          },
        ],
      })
      .expect(422);
    expect(unknown.body.code).toBe('INITIATIVE_UNKNOWN');
    const ok = await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'ini@test.example',
        name: 'Ini',
        password: 'Nachbarschaftsgarten 2026',
        organisations: [
          { organisationId: orgId, roles: ['initiative'], initiativeIds: [initiativeId] },
        ],
      })
      .expect(201);
    expect(ok.body.organisations[0].initiativeIds).toEqual([initiativeId]);
    const bad = await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'ini2@test.example',
        name: 'Ini',
        password: 'Nachbarschaftsgarten 2026',
        organisations: [{ organisationId: orgId, roles: ['staff'], initiativeIds: [initiativeId] }],
      })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({
      field: 'organisations.0.initiativeIds',
      rule: 'needsInitiativeRole',
    });
  });
});
