import { createOrganisation, createUser } from '@dachwerk/testing';
import type { Role } from '@dachwerk/shared';
import { login, startApi, TestApi } from '../support/api';

// Data minimisation per role: the board sees who is a member or donor and in which town,
// not how to reach or debit them; the office, the treasurer and the admin see everything
// their work needs. Initiative users see neither list (their donations view shows a
// donor's name only with consent: funding.e2e-spec.ts).
describe('personal data by role', () => {
  let api: TestApi;
  let base: string;
  const as: Partial<Record<Role, { Authorization: string }>> = {};

  beforeAll(async () => {
    api = await startApi();
    const orgId = (await createOrganisation(api.sql)).id;
    base = `/api/v1/organisations/${orgId}`;
    for (const role of ['admin', 'staff', 'treasurer', 'board'] as const) {
      const u = await createUser(api.sql, { roles: { [orgId]: [role] } });
      as[role] = await login(api, u.email, u.password);
    }
    const i = await createUser(api.sql, { roles: { [orgId]: ['initiative'] } });
    as.initiative = await login(api, i.email, i.password);

    const [member] = await api.sql.query<{ id: string }[]>(
      `INSERT INTO members (organisation_id, member_no, kind, first_name, last_name, street, postal_code, city, email, phone, joined_on)
       VALUES ($1, 'M-00001', 'person', 'Erika', 'Mustermann', 'Lindenstraße 5', '70176', 'Stuttgart',
               'erika@example.org', '0711 123456', '2021-03-01') RETURNING id`,
      [orgId],
    );
    await api.sql.query(
      `INSERT INTO sepa_mandates (organisation_id, member_id, reference, signed_on, debtor_name, iban, bic)
       VALUES ($1, $2, 'M-00001-1', '2024-01-15', 'Erika Mustermann', 'DE02120300000000202051', 'BYLADEM1001')`,
      [orgId, member.id],
    );
    await api
      .http()
      .post(`${base}/donors`)
      .set(as.treasurer!)
      .send({
        kind: 'person',
        firstName: 'Max',
        lastName: 'Spender',
        street: 'Hauptstraße 1',
        postalCode: '70173',
        city: 'Stuttgart',
        email: 'max@example.org',
        iban: 'DE02600501010002034304',
      })
      .expect(201);
  });
  afterAll(() => api.close());

  const get = (role: Role, path: string, status = 200) =>
    api.http().get(`${base}/${path}`).set(as[role]!).expect(status);

  const MEMBER_CONTACT = ['street', 'postalCode', 'email', 'phone'];
  const DONOR_CONTACT = ['street', 'postalCode', 'email', 'iban'];
  const MANDATE_BANK = ['debtorName', 'iban', 'bic'];

  it.each(['admin', 'staff', 'treasurer'] as const)(
    '%s sees addresses and bank details',
    async (role) => {
      const [member] = (await get(role, 'members')).body.items;
      expect(member).toMatchObject({
        lastName: 'Mustermann',
        street: 'Lindenstraße 5',
        postalCode: '70176',
        email: 'erika@example.org',
        phone: '0711 123456',
      });
      expect((await get(role, `members/${member.id}`)).body.street).toBe('Lindenstraße 5');
      const [mandate] = (await get(role, 'mandates')).body.items;
      expect(mandate).toMatchObject({
        iban: 'DE02120300000000202051',
        debtorName: 'Erika Mustermann',
      });
      const [donor] = (await get(role, 'donors')).body.items;
      expect(donor).toMatchObject({ street: 'Hauptstraße 1', iban: 'DE02600501010002034304' });
      expect((await get(role, `donors/${donor.id}`)).body.email).toBe('max@example.org');
      expect((await get(role, 'donors?q=max@example')).body.total).toBe(1);
      expect((await get(role, 'members?search=erika@')).body.total).toBe(1);
    },
  );

  it('the board sees names and towns, not addresses, contacts or accounts', async () => {
    const [member] = (await get('board', 'members')).body.items;
    expect(member).toMatchObject({
      memberNo: 'M-00001',
      lastName: 'Mustermann',
      city: 'Stuttgart',
    });
    for (const record of [member, (await get('board', `members/${member.id}`)).body])
      for (const field of MEMBER_CONTACT) expect(record).not.toHaveProperty(field);

    const [mandate] = (await get('board', 'mandates')).body.items;
    expect(mandate).toMatchObject({
      memberNo: 'M-00001',
      reference: 'M-00001-1',
      status: 'active',
    });
    for (const field of MANDATE_BANK) expect(mandate).not.toHaveProperty(field);

    const [donor] = (await get('board', 'donors')).body.items;
    expect(donor).toMatchObject({ lastName: 'Spender', city: 'Stuttgart' });
    for (const record of [
      donor,
      (await get('board', `donors/${donor.id}`)).body,
      ...(await get('board', `donors/${donor.id}/duplicates`)).body,
    ])
      for (const field of DONOR_CONTACT) expect(record).not.toHaveProperty(field);

    // Nor can the board find people by what it does not see.
    expect((await get('board', 'donors?q=max@example')).body.total).toBe(0);
    expect((await get('board', 'members?search=erika@')).body.total).toBe(0);
    expect((await get('board', 'donors?q=Spender')).body.total).toBe(1);
  });

  it('initiative users see neither members nor donors', async () => {
    for (const path of ['members', 'mandates', 'donors']) await get('initiative', path, 403);
  });
});
