import { todayIso } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

type Auth = { Authorization: string };

/**
 * Ids from another organisation, in the path or in the body, answer 404 and change
 * nothing; behind the services, the database refuses such references itself. The
 * walk over every operation is test/e2e/cross-tenant.e2e-spec.ts; these are the cases
 * the security review found, spelled out.
 */
describe('ids are resolved inside the path’s organisation', () => {
  let api: TestApi;
  let caller: Auth;
  const year = todayIso().slice(0, 4);
  const orgs = {} as Record<
    'a' | 'b',
    { id: string; base: string; donor: string; donor2: string; member: string; tier: string }
  >;

  beforeAll(async () => {
    api = await startApi();
    const a = (await createOrganisation(api.sql)).id;
    const b = (await createOrganisation(api.sql)).id;
    const setup = await createUser(api.sql, {
      roles: { [a]: ['treasurer', 'staff'], [b]: ['treasurer', 'staff'] },
    });
    const auth = await login(api, setup.email, setup.password);
    for (const [key, id] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const base = `/api/v1/organisations/${id}`;
      const post = async (path: string, body: object) =>
        (await api.http().post(`${base}${path}`).set(auth).send(body).expect(201)).body as {
          id: string;
        };
      await post('/ledger/chart', {});
      const donor = await post('/donors', { kind: 'person', lastName: `Spender ${key}` });
      const donor2 = await post('/donors', { kind: 'person', lastName: `Spenderin ${key}` });
      const tier = await post('/tiers', {
        validFrom: `${year}-01-01`,
        amountCents: 6000,
        code: 'IND',
        name: 'Einzelmitglied',
        memberForm: 'individual',
        interval: 'yearly',
      });
      const member = await post('/members', {
        kind: 'person',
        lastName: `Mitglied ${key}`,
        joinedOn: `${year}-01-01`,
        tierId: tier.id,
      });
      orgs[key] = {
        id,
        base,
        donor: donor.id,
        donor2: donor2.id,
        member: member.id,
        tier: tier.id,
      };
    }
    // An account only B has.
    await api
      .http()
      .post(`${orgs.b.base}/ledger/accounts`)
      .set(auth)
      .send({ number: 18951, name: 'Nur B', type: 'asset' })
      .expect(201);
    const user = await createUser(api.sql, { roles: { [a]: ['admin', 'treasurer', 'staff'] } });
    caller = await login(api, user.email, user.password);
  });
  afterAll(() => api.close());

  const donorRow = async (id: string) =>
    (
      await api.sql.query(
        `SELECT organisation_id AS "organisationId", merged_into_id AS "mergedIntoId", member_id AS "memberId", updated_at AS "updatedAt"
           FROM donors WHERE id = $1`,
        [id],
      )
    )[0];

  it('merges no donor across organisations: a foreign id in the body or the path answers 404', async () => {
    const before = [await donorRow(orgs.a.donor), await donorRow(orgs.b.donor)];
    const intoForeign = await api
      .http()
      .post(`${orgs.a.base}/donors/${orgs.a.donor}/merge`)
      .set(caller)
      .send({ intoDonorId: orgs.b.donor })
      .expect(404);
    expect(intoForeign.body).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'Donor', id: orgs.b.donor, field: 'intoDonorId' },
    });
    await api
      .http()
      .post(`${orgs.a.base}/donors/${orgs.b.donor}/merge`)
      .set(caller)
      .send({ intoDonorId: orgs.a.donor })
      .expect(404);
    expect([await donorRow(orgs.a.donor), await donorRow(orgs.b.donor)]).toEqual(before);

    // Inside the organisation the merge works as before.
    const merged = await api
      .http()
      .post(`${orgs.a.base}/donors/${orgs.a.donor2}/merge`)
      .set(caller)
      .send({ intoDonorId: orgs.a.donor })
      .expect(201);
    expect(merged.body.id).toBe(orgs.a.donor);
    expect((await donorRow(orgs.a.donor2)).mergedIntoId).toBe(orgs.a.donor);
  });

  it('links a donor only to a member of its organisation', async () => {
    const count = async () => Number((await api.sql.query(`SELECT count(*) FROM donors`))[0].count);
    const before = await count();
    const created = await api
      .http()
      .post(`${orgs.a.base}/donors`)
      .set(caller)
      .send({ kind: 'person', lastName: 'Neu', memberId: orgs.b.member })
      .expect(404);
    expect(created.body.details).toMatchObject({ entity: 'Member', field: 'memberId' });
    const unchanged = await donorRow(orgs.a.donor);
    await api
      .http()
      .put(`${orgs.a.base}/donors/${orgs.a.donor}`)
      .set(caller)
      .send({ kind: 'person', lastName: 'Spender a', memberId: orgs.b.member })
      .expect(404);
    expect(await count()).toBe(before);
    expect(await donorRow(orgs.a.donor)).toEqual(unchanged);
    await api
      .http()
      .put(`${orgs.a.base}/donors/${orgs.a.donor}`)
      .set(caller)
      .send({ kind: 'person', lastName: 'Spender a', memberId: orgs.a.member })
      .expect(200);
  });

  it('books a bank account only on an account of the organisation’s own chart', async () => {
    const res = await api
      .http()
      .post(`${orgs.a.base}/bank-accounts`)
      .set(caller)
      .send({ label: 'Fremd', iban: 'DE02120300000000202051', ledgerAccount: 18951 })
      .expect(404);
    expect(res.body.details).toMatchObject({ entity: 'Account', field: 'ledgerAccount' });
    const [{ n }] = await api.sql.query(
      `SELECT count(*)::int AS n FROM organisation_bank_accounts WHERE organisation_id = $1`,
      [orgs.a.id],
    );
    expect(n).toBe(0);
  });

  it('is refused by the database too, should a service forget', async () => {
    const refused = (sql: string, params: unknown[]) =>
      expect(api.sql.query(sql, params)).rejects.toMatchObject({ code: '23503' });
    await refused(`UPDATE donors SET merged_into_id = $2 WHERE id = $1`, [
      orgs.a.donor,
      orgs.b.donor,
    ]);
    await refused(`UPDATE donors SET member_id = $2 WHERE id = $1`, [orgs.a.donor, orgs.b.member]);
    await refused(
      `INSERT INTO sepa_mandates (organisation_id, member_id, reference, signed_on, debtor_name, iban)
       VALUES ($1, $2, 'X-1', $3, 'X', 'DE02120300000000202051')`,
      [orgs.a.id, orgs.b.member, `${year}-01-02`],
    );
    // A row without organisation_id takes its parent's: A's member on B's tier is refused.
    await refused(
      `INSERT INTO member_tier_assignments (member_id, starts_on, tier_id) VALUES ($1, $2, $3)`,
      [orgs.a.member, `${year}-06-01`, orgs.b.tier],
    );
    // The same statements inside one organisation pass (the keys refuse only the crossing).
    await api.sql.query(
      `INSERT INTO member_tier_assignments (member_id, starts_on, tier_id) VALUES ($1, $2, $3)`,
      [orgs.a.member, `${year}-06-01`, orgs.a.tier],
    );
  });
});
