import { createOrganisation, createUser, TEST_PASSWORD } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

/**
 * The exploit of issue 12: an admin of only a serviced club lists users, attaches the
 * umbrella's admin by e-mail as an initiative contact, resets that user's password and
 * logs in as them. Every step must now fail to give the club admin any power over the
 * foreign account.
 */
describe('account takeover across organisations', () => {
  let api: TestApi;
  let umbrella: string;
  let club: string;
  let initiativeId: string;
  let clubAdmin: { Authorization: string };
  let victim: { id: string; email: string; password: string };

  beforeAll(async () => {
    api = await startApi();
    umbrella = (await createOrganisation(api.sql, { isUmbrella: true })).id;
    club = (await createOrganisation(api.sql)).id;
    victim = await createUser(api.sql, { roles: { [umbrella]: ['admin'] } });
    const attacker = await createUser(api.sql, { roles: { [club]: ['admin', 'board'] } });
    clubAdmin = await login(api, attacker.email, attacker.password);
    [{ id: initiativeId }] = await api.sql.query(
      `INSERT INTO initiatives (organisation_id, name, purpose, tax_purpose, cost_centre)
       VALUES ($1, 'Trojanisches Pferd', 'Zweck', 'Kultur', 'INI-TROJA') RETURNING id`,
      [club],
    );
  });
  afterAll(() => api.close());

  const listedIds = async () =>
    (await api.http().get('/api/v1/users').set(clubAdmin).expect(200)).body.items.map(
      (u: { id: string }) => u.id,
    );

  it('club admin → list users → attach umbrella admin as contact → reset password → log in: refused at every step', async () => {
    expect(await listedIds()).not.toContain(victim.id);

    // Attaching an existing account only invites it; no role is granted yet.
    const attached = await api
      .http()
      .post(`/api/v1/organisations/${club}/initiatives/${initiativeId}/contacts`)
      .set(clubAdmin)
      .send({ email: victim.email.toUpperCase(), name: 'Opfer' })
      .expect(202);
    expect(attached.body).toEqual({ status: 'invited', email: victim.email });
    const roles = await api.sql.query(
      `SELECT organisation_id, role FROM memberships WHERE user_id = $1`,
      [victim.id],
    );
    expect(roles).toEqual([{ organisation_id: umbrella, role: 'admin' }]);
    expect(await listedIds()).not.toContain(victim.id);

    // Neither a password reset nor a change of identity reaches the account.
    await api
      .http()
      .post(`/api/v1/users/${victim.id}/password-reset`)
      .set(clubAdmin)
      .send({})
      .expect(404);
    await api
      .http()
      .patch(`/api/v1/users/${victim.id}`)
      .set(clubAdmin)
      .send({ isActive: false })
      .expect(404);
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: victim.email, password: 'Übernommen im Handumdrehen' })
      .expect(401);
    await login(api, victim.email, TEST_PASSWORD);
  });

  it('after the holder accepts, the club admin sees only the club binding and still cannot take over', async () => {
    const holder = await login(api, victim.email, TEST_PASSWORD);
    await api
      .http()
      .post(`/api/v1/organisations/${club}/initiatives/${initiativeId}/contacts`)
      .set(clubAdmin)
      .send({ email: victim.email, name: 'Opfer' })
      .expect(202);
    const mine = await api.http().get('/api/v1/auth/invitations').set(holder).expect(200);
    const invitation = mine.body.find((i: { organisationId: string }) => i.organisationId === club);
    expect(invitation).toMatchObject({ roles: ['initiative'], initiativeIds: [initiativeId] });
    await api
      .http()
      .post(`/api/v1/auth/invitations/${invitation.id}/accept`)
      .set(holder)
      .expect(200);

    const listed = await api.http().get('/api/v1/users').set(clubAdmin).expect(200);
    const seen = listed.body.items.find((u: { id: string }) => u.id === victim.id);
    expect(seen.organisations).toEqual([
      { organisationId: club, roles: ['initiative'], initiativeIds: [initiativeId] },
    ]);
    expect(seen).not.toHaveProperty('isPlatformAdmin');

    // Credentials, activity and identity belong to the holder (and platform admins).
    const reset = await api
      .http()
      .post(`/api/v1/users/${victim.id}/password-reset`)
      .set(clubAdmin)
      .send({})
      .expect(409);
    expect(reset.body.code).toBe('RESET_NEEDS_MAIL');
    expect(reset.body).not.toHaveProperty('token');
    for (const change of [{ isActive: false }, { name: 'Umbenannt' }]) {
      const res = await api
        .http()
        .patch(`/api/v1/users/${victim.id}`)
        .set(clubAdmin)
        .send(change)
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    // Only the club's role binding is the club admin's to manage.
    await api
      .http()
      .put(`/api/v1/users/${victim.id}/organisations/${umbrella}`)
      .set(clubAdmin)
      .send({ roles: [] })
      .expect(404);
    await api
      .http()
      .put(`/api/v1/users/${victim.id}/organisations/${club}`)
      .set(clubAdmin)
      .send({ roles: [] })
      .expect(200);
    const [row] = await api.sql.query(`SELECT name, is_active FROM users WHERE id = $1`, [
      victim.id,
    ]);
    expect(row).toEqual({ name: `Test ${victim.email}`, is_active: true });
    await api.http().get('/api/v1/auth/me').set(holder).expect(200);
  });
});
