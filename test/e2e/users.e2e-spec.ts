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

  it('creates a user who sets their own password through a one-time link', async () => {
    const created = await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'Kasse@Test.Example',
        name: 'Karla Kasse',
        organisations: [{ organisationId: orgId, roles: ['treasurer'] }],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      email: 'kasse@test.example',
      isActive: true,
      organisations: [{ organisationId: orgId, roles: ['treasurer'] }],
      passwordLink: { delivery: 'shown-once' },
    });
    expect(created.body).not.toHaveProperty('isPlatformAdmin');
    const id = created.body.id as string;
    const token = created.body.passwordLink.token as string;
    // Only the token's hash is stored.
    const [stored] = await api.superSql.query(
      `SELECT encode(token_hash, 'hex') AS h, purpose FROM password_tokens WHERE user_id = $1`,
      [id],
    );
    expect(stored.purpose).toBe('welcome');
    expect(stored.h).not.toContain(Buffer.from(token).toString('hex'));
    await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'kasse@test.example',
        name: 'X',
        organisations: [{ organisationId: orgId, roles: ['staff'] }],
      })
      .expect(409);

    // No password works before the holder sets one.
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'kasse@test.example', password: '!' })
      .expect(401);
    for (const [password, rule] of [
      ['aaaaaaaaaaaa', 'strength'],
      [' '.repeat(14), 'minLength'],
      ['Karla Kasse zahlt 2026', 'notPersonal'],
      ['kasse@test.example!!', 'notPersonal'],
    ]) {
      const weak = await api
        .http()
        .post('/api/v1/auth/password-reset')
        .send({ token, password })
        .expect(400);
      expect(weak.body.errors[0]).toMatchObject({ field: 'password', rule });
    }
    await api
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ token, password: 'Streuobstwiese im Mai' })
      .expect(204);
    const reused = await api
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ token, password: 'Noch ein anderes Passwort' })
      .expect(400);
    expect(reused.body.code).toBe('TOKEN_INVALID');
    const session = await login(api, 'kasse@test.example', 'Streuobstwiese im Mai');

    const roles = await api
      .http()
      .put(`/api/v1/users/${id}/organisations/${orgId}`)
      .set(admin)
      .send({ roles: ['treasurer', 'board'] })
      .expect(200);
    expect(roles.body.organisations[0].roles.sort()).toEqual(['board', 'treasurer']);
    const me = await api.http().get('/api/v1/auth/me').set(session).expect(200);
    expect(me.body.organisations[0].roles.sort()).toEqual(['board', 'treasurer']);

    // The organisation admin may start a reset only by e-mail to the holder (none set up here).
    const reset = await api
      .http()
      .post(`/api/v1/users/${id}/password-reset`)
      .set(admin)
      .expect(409);
    expect(reset.body.code).toBe('RESET_NEEDS_MAIL');
    await api.http().patch(`/api/v1/users/${id}`).set(admin).send({ isActive: false }).expect(403);
    await api.http().get('/api/v1/auth/me').set(session).expect(200);

    const audit = await api.sql.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual([
      'user.created',
      'user.password-set',
      'auth.login',
      'user.roles-changed',
    ]);
    const changes = await api.sql.query(`SELECT changes FROM audit_events WHERE entity_id = $1`, [
      id,
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/argon2|Streuobst|token/);
  });

  it('lets a platform admin reset (link shown once) and deactivate; the old password works until the holder sets a new one', async () => {
    const root = await createUser(api.sql, { isPlatformAdmin: true });
    const platform = await login(api, root.email, root.password);
    const holder = await createUser(api.sql, { roles: { [orgId]: ['staff'] } });
    const session = await login(api, holder.email, holder.password);
    const first = await api
      .http()
      .post(`/api/v1/users/${holder.id}/password-reset`)
      .set(platform)
      .expect(202);
    const second = await api
      .http()
      .post(`/api/v1/users/${holder.id}/password-reset`)
      .set(platform)
      .expect(202);
    expect(second.body).toMatchObject({ delivery: 'shown-once' });
    await login(api, holder.email, holder.password);
    // A newer link replaces the older one.
    await api
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ token: first.body.token, password: 'Ein ganz neues Passwort' })
      .expect(400);
    await api
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ token: second.body.token, password: 'Ein ganz neues Passwort' })
      .expect(204);
    await api.http().get('/api/v1/auth/me').set(session).expect(401); // the reset ends sessions
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: holder.email, password: holder.password })
      .expect(401);
    const fresh = await login(api, holder.email, 'Ein ganz neues Passwort');

    // An expired link is refused.
    const third = await api
      .http()
      .post(`/api/v1/users/${holder.id}/password-reset`)
      .set(platform)
      .expect(202);
    await api.superSql.query(
      `UPDATE password_tokens SET created_at = now() - interval '3 hours', expires_at = now() - interval '1 hour' WHERE user_id = $1 AND used_at IS NULL`,
      [holder.id],
    );
    await api
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ token: third.body.token, password: 'Wieder ein neues Passwort' })
      .expect(400);

    const off = await api
      .http()
      .patch(`/api/v1/users/${holder.id}`)
      .set(platform)
      .send({ isActive: false })
      .expect(200);
    expect(off.body).toMatchObject({ isActive: false, isPlatformAdmin: false });
    await api.http().get('/api/v1/auth/me').set(fresh).expect(401);
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: holder.email, password: 'Ein ganz neues Passwort' })
      .expect(401);
  });

  it('lets users change their own password (current one required) and name', async () => {
    const holder = await createUser(api.sql, { roles: { [orgId]: ['staff'] } });
    const here = await login(api, holder.email, holder.password);
    const elsewhere = await login(api, holder.email, holder.password);
    const wrong = await api
      .http()
      .post('/api/v1/auth/password')
      .set(here)
      .send({ currentPassword: 'not my password', newPassword: 'Linden-Allee 42 im Herbst' })
      .expect(422);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'currentPassword' });
    const weak = await api
      .http()
      .post('/api/v1/auth/password')
      .set(here)
      .send({ currentPassword: holder.password, newPassword: 'aaaaaaaaaaaa' })
      .expect(400);
    expect(weak.body.errors[0]).toMatchObject({ field: 'newPassword', rule: 'strength' });
    await api
      .http()
      .post('/api/v1/auth/password')
      .set(here)
      .send({ currentPassword: holder.password, newPassword: 'Linden-Allee 42 im Herbst' })
      .expect(204);
    await api.http().get('/api/v1/auth/me').set(here).expect(200); // the session in use stays
    await api.http().get('/api/v1/auth/me').set(elsewhere).expect(401); // the others end
    await login(api, holder.email, 'Linden-Allee 42 im Herbst');

    await api.http().patch('/api/v1/auth/me').set(here).send({ name: 'Neuer Name' }).expect(204);
    const [row] = await api.sql.query(`SELECT name FROM users WHERE id = $1`, [holder.id]);
    expect(row.name).toBe('Neuer Name');
  });

  it('invites an existing account: roles only after the holder accepts; a declined invitation grants nothing', async () => {
    const other = (await createOrganisation(api.sql)).id;
    const outsider = await createUser(api.sql, { roles: { [other]: ['treasurer'] } });
    const session = await login(api, outsider.email, outsider.password);
    await api
      .http()
      .post('/api/v1/users/invitations')
      .set(admin)
      .send({ email: 'nobody@test.example', organisationId: orgId, roles: ['staff'] })
      .expect(404);
    await api
      .http()
      .post('/api/v1/users/invitations')
      .set(admin)
      .send({ email: outsider.email, organisationId: other, roles: ['staff'] })
      .expect(404);
    // Binding roles directly is refused: the account is not in the organisation.
    await api
      .http()
      .put(`/api/v1/users/${outsider.id}/organisations/${orgId}`)
      .set(admin)
      .send({ roles: ['staff'] })
      .expect(404);
    for (const roles of [['staff'], ['board']]) {
      await api
        .http()
        .post('/api/v1/users/invitations')
        .set(admin)
        .send({ email: outsider.email, organisationId: orgId, roles })
        .expect(202);
    }
    const open = await api.http().get('/api/v1/auth/invitations').set(session).expect(200);
    expect(open.body).toHaveLength(1); // inviting again widens the open invitation
    expect(open.body[0]).toMatchObject({ organisationId: orgId, roles: ['board', 'staff'] });
    await api.http().get(`/api/v1/organisations/${orgId}`).set(session).expect(404);
    // Nobody else can answer it.
    await api
      .http()
      .post(`/api/v1/auth/invitations/${open.body[0].id}/accept`)
      .set(admin)
      .expect(404);
    await api
      .http()
      .post(`/api/v1/auth/invitations/${open.body[0].id}/accept`)
      .set(session)
      .expect(200);
    await api.http().get(`/api/v1/organisations/${orgId}`).set(session).expect(200);
    await api
      .http()
      .post(`/api/v1/auth/invitations/${open.body[0].id}/accept`)
      .set(session)
      .expect(404);

    const declining = await createUser(api.sql, { roles: { [other]: ['staff'] } });
    const declinerSession = await login(api, declining.email, declining.password);
    await api
      .http()
      .post('/api/v1/users/invitations')
      .set(admin)
      .send({ email: declining.email, organisationId: orgId, roles: ['admin'] })
      .expect(202);
    const [invitation] = (
      await api.http().get('/api/v1/auth/invitations').set(declinerSession).expect(200)
    ).body;
    await api
      .http()
      .post(`/api/v1/auth/invitations/${invitation.id}/decline`)
      .set(declinerSession)
      .expect(200);
    const roles = await api.sql.query(
      `SELECT organisation_id FROM memberships WHERE user_id = $1`,
      [declining.id],
    );
    expect(roles).toEqual([{ organisation_id: other }]);
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
        organisations: [
          {
            organisationId: orgId,
            roles: ['initiative'],
            initiativeIds: ['6f1c7c1e-0000-4000-8000-000000000001'],
          },
        ],
      })
      .expect(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const ok = await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'ini@test.example',
        name: 'Ini',
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
        organisations: [{ organisationId: orgId, roles: ['staff'], initiativeIds: [initiativeId] }],
      })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({
      field: 'organisations.0.initiativeIds',
      rule: 'needsInitiativeRole',
    });
  });
});
