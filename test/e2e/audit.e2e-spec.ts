import { DataSource } from 'typeorm';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

describe('audit log', () => {
  let api: TestApi;
  let orgId: string;
  let admin: { Authorization: string };
  let adminId: string;

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql)).id;
    const a = await createUser(api.sql, { roles: { [orgId]: ['admin'] } });
    adminId = a.id;
    admin = await login(api, a.email, a.password);
  });
  afterAll(() => api.close());

  it('records a change with actor, before/after, request id and IP, in the same transaction', async () => {
    const res = await api
      .http()
      .patch(`/api/v1/organisations/${orgId}`)
      .set(admin)
      .set('X-Request-Id', 'test-request-0001')
      .send({ city: 'Tübingen', taxOffice: 'Finanzamt Tübingen' })
      .expect(200);
    expect(res.headers['x-request-id']).toBe('test-request-0001');

    const page = await api
      .http()
      .get(`/api/v1/organisations/${orgId}/audit-events?entityType=organisation&entityId=${orgId}`)
      .set(admin)
      .expect(200);
    expect(page.body.total).toBe(1);
    expect(page.body.items[0]).toMatchObject({
      actorUserId: adminId,
      organisationId: orgId,
      action: 'organisation.updated',
      entityType: 'organisation',
      entityId: orgId,
      requestId: 'test-request-0001',
      changes: {
        city: { before: 'Stuttgart', after: 'Tübingen' },
        taxOffice: { before: null, after: 'Finanzamt Tübingen' },
      },
    });
    expect(page.body.items[0].ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database: by grant for the app role, by trigger for the owner', async () => {
    const [{ id }] = await api.sql.query(`SELECT id FROM audit_events ORDER BY id DESC LIMIT 1`);
    await expect(
      api.sql.query(`UPDATE audit_events SET action = 'x' WHERE id = $1`, [id]),
    ).rejects.toThrow(/permission denied/);
    await expect(api.sql.query(`DELETE FROM audit_events WHERE id = $1`, [id])).rejects.toThrow(
      /permission denied/,
    );
    await expect(api.sql.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied/);

    const owner = await new DataSource({ type: 'postgres', url: api.db.ownerUrl }).initialize();
    try {
      await expect(
        owner.query(`UPDATE audit_events SET action = 'x' WHERE id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_events WHERE id = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.destroy();
    }
    const [{ action }] = await api.sql.query(`SELECT action FROM audit_events WHERE id = $1`, [id]);
    expect(action).not.toBe('x');
  });

  it('connects the application as a role that owns no table', async () => {
    const [{ current_user }] = await api.sql.query(`SELECT current_user`);
    expect(current_user).toBe('dachwerk_app');
    const owned = await api.sql.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`,
    );
    expect(owned).toEqual([]);
  });

  it('is readable by admin and board, not by staff', async () => {
    const staff = await createUser(api.sql, { roles: { [orgId]: ['staff'] } });
    const board = await createUser(api.sql, { roles: { [orgId]: ['board'] } });
    await api
      .http()
      .get(`/api/v1/organisations/${orgId}/audit-events`)
      .set(await login(api, staff.email, staff.password))
      .expect(403);
    await api
      .http()
      .get(`/api/v1/organisations/${orgId}/audit-events`)
      .set(await login(api, board.email, board.password))
      .expect(200);
  });
});
