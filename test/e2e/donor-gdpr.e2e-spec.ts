import { Clock } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { DonorsService } from '@dachwerk/donations';
import { login, startApi, TestApi } from '../support/api';

// Donors get what members have: an export of everything stored (Art. 15), and erasure
// (Art. 17) that yields to § 147 AO — restricted while a donation is within retention,
// pseudonymised after; donations, their bookings and issued receipts stay.
describe('GDPR requests of donors', () => {
  let api: TestApi;
  let base: string;
  const as: Record<string, { Authorization: string }> = {};

  beforeAll(async () => {
    api = await startApi();
    const orgId = (await createOrganisation(api.sql)).id;
    base = `/api/v1/organisations/${orgId}`;
    await api.sql.query(
      `UPDATE organisations SET purposes = $2, is_receipt_machine_signed = true WHERE id = $1`,
      [orgId, ['des bürgerschaftlichen Engagements']],
    );
    await api.sql.query(
      `INSERT INTO exemption_notices (organisation_id, kind, issued_on, tax_office, tax_number, period_from, period_to)
       VALUES ($1, 'freistellungsbescheid', '2025-06-16', 'Finanzamt Stuttgart-Körperschaften', '99015/12345', '2021-01-01', '2023-12-31')`,
      [orgId],
    );
    for (const role of ['staff', 'treasurer', 'board', 'admin'] as const) {
      const u = await createUser(api.sql, { roles: { [orgId]: [role] } });
      as[role] = await login(api, u.email, u.password);
    }
    await api.http().post(`${base}/ledger/chart`).set(as.treasurer).send({}).expect(201);
    await api
      .http()
      .post(`${base}/ledger/fiscal-years`)
      .set(as.treasurer)
      .send({ startsOn: '2026-01-01' })
      .expect(201);
  });
  afterAll(() => api.close());

  const newDonor = async (lastName: string) =>
    (
      await api
        .http()
        .post(`${base}/donors`)
        .set(as.staff)
        .send({
          kind: 'person',
          firstName: 'Erika',
          lastName,
          street: 'Lindenstraße 5',
          postalCode: '70176',
          city: 'Stuttgart',
          email: `${lastName.toLowerCase()}@example.org`,
          iban: 'DE02600501010002034304',
          consentsToContact: true,
        })
        .expect(201)
    ).body as { id: string };
  const donate = (donorId: string, auth = as.treasurer) =>
    api.http().post(`${base}/donations`).set(auth).send({
      donorId,
      kind: 'money',
      channel: 'transfer',
      receivedOn: '2026-03-02',
      amountCents: 12_000,
      earmark: 'general',
    });
  const row = async (id: string) =>
    (
      await api.sql.query(
        `SELECT first_name, last_name, street, city, email, iban, consents_to_contact, restricted_at, erased_at
           FROM donors WHERE id = $1`,
        [id],
      )
    )[0];

  it('exports everything stored about a donor, and logs the export', async () => {
    const donor = await newDonor('Export');
    const donation = (await donate(donor.id).expect(201)).body;
    const receipt = (
      await api
        .http()
        .post(`${base}/receipts`)
        .set(as.treasurer)
        .send({ donationIds: [donation.id] })
        .expect(201)
    ).body;
    await api.http().get(`${base}/donors/${donor.id}/export`).set(as.board).expect(403);
    await api.http().get(`${base}/donors/${donor.id}/export`).set(as.treasurer).expect(403);
    const data = (
      await api.http().get(`${base}/donors/${donor.id}/export`).set(as.staff).expect(200)
    ).body;
    expect(data.donor).toMatchObject({ lastName: 'Export', email: 'export@example.org' });
    expect(data.donations).toEqual([
      expect.objectContaining({ id: donation.id, amountCents: 12_000, receivedOn: '2026-03-02' }),
    ]);
    expect(data.receipts).toEqual([expect.objectContaining({ number: receipt.number })]);
    expect(data.accessLog.map((e: { action: string }) => e.action)).toContain('donor.created');
    const [{ n }] = await api.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'donor.exported'`,
      [donor.id],
    );
    expect(n).toBe(1);
  });

  it('erases a donor the books do not need at once: pseudonymised, gone from lists', async () => {
    const donor = await newDonor('Ohnespende');
    await api.http().post(`${base}/donors/${donor.id}/erasure`).set(as.treasurer).expect(403);
    const erased = await api
      .http()
      .post(`${base}/donors/${donor.id}/erasure`)
      .set(as.staff)
      .expect(201);
    expect(erased.body).toMatchObject({
      outcome: 'erased',
      lastName: null,
      email: null,
      iban: null,
    });
    expect(await row(donor.id)).toMatchObject({
      first_name: null,
      last_name: null,
      street: null,
      city: null,
      email: null,
      iban: null,
      erased_at: expect.any(Date),
    });
    await api.http().get(`${base}/donors/${donor.id}`).set(as.staff).expect(404);
    await api.http().post(`${base}/donors/${donor.id}/erasure`).set(as.staff).expect(404);
    const list = (await api.http().get(`${base}/donors?q=Ohnespende`).set(as.staff)).body;
    expect(list.total).toBe(0);
    expect((await donate(donor.id).expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('restricts a donor whose donation is within retention, and erases them when it ends', async () => {
    const donor = await newDonor('Aufbewahrt');
    const donation = (await donate(donor.id).expect(201)).body;
    const receipt = (
      await api
        .http()
        .post(`${base}/receipts`)
        .set(as.treasurer)
        .send({ donationIds: [donation.id] })
        .expect(201)
    ).body;

    const restricted = await api
      .http()
      .post(`${base}/donors/${donor.id}/erasure`)
      .set(as.admin)
      .expect(201);
    // Ten years from the end of 2026 (§ 147 Abs. 3 AO).
    expect(restricted.body).toMatchObject({ outcome: 'restricted', retentionEndsOn: '2037-01-01' });
    // Name and address stay for the books; what no retention needs goes at once.
    expect(await row(donor.id)).toMatchObject({
      last_name: 'Aufbewahrt',
      street: 'Lindenstraße 5',
      email: null,
      iban: null,
      consents_to_contact: false,
      restricted_at: expect.any(Date),
      erased_at: null,
    });
    const refused = await donate(donor.id).expect(409);
    expect(refused.body.code).toBe('DONOR_RESTRICTED');

    // The nightly job does nothing before the retention ends …
    const donors = api.app.get(DonorsService);
    await Clock.runOn('2036-12-31', () => donors.eraseExpired());
    expect((await row(donor.id)).erased_at).toBeNull();
    // … and erases on the day it ends.
    await Clock.runOn('2037-01-01', () => donors.eraseExpired());
    expect(await row(donor.id)).toMatchObject({
      first_name: null,
      last_name: null,
      street: null,
      erased_at: expect.any(Date),
    });

    // What § 147 AO and the receipt rules keep: the donation, its booking, the receipt copy.
    const [kept] = await api.sql.query(
      `SELECT d.amount_cents::int AS amount, d.journal_entry_id AS entry, r.number, r.content->'donor' AS donor
         FROM donations d JOIN receipts r ON r.donor_id = d.donor_id WHERE d.id = $1`,
      [donation.id],
    );
    expect(kept).toMatchObject({ amount: 12_000, number: receipt.number });
    expect(kept.entry).toBeTruthy();
    expect(JSON.stringify(kept.donor)).toContain('Aufbewahrt');
    const [{ n }] = await api.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action IN ('donor.restricted', 'donor.erased')`,
      [donor.id],
    );
    expect(n).toBe(2);
  });
});
