import { MAX_AMOUNT_CENTS } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

describe('donors and donations over HTTP', () => {
  let api: TestApi;
  let orgId: string;
  let base: string;
  let treasurer: { Authorization: string };
  let staff: { Authorization: string };
  let initiative: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql)).id;
    base = `/api/v1/organisations/${orgId}`;
    const as = async (role: 'treasurer' | 'staff' | 'initiative') => {
      const u = await createUser(api.sql, { roles: { [orgId]: [role] } });
      return login(api, u.email, u.password);
    };
    [treasurer, staff, initiative] = [
      await as('treasurer'),
      await as('staff'),
      await as('initiative'),
    ];
    await api.http().post(`${base}/ledger/chart`).set(treasurer).send({}).expect(201);
    await api
      .http()
      .post(`${base}/ledger/fiscal-years`)
      .set(treasurer)
      .send({ startsOn: '2026-01-01' })
      .expect(201);
    garden = (
      await api
        .http()
        .post(`${base}/initiatives`)
        .set(staff)
        .send({
          name: 'Gemeinschaftsgarten Nord',
          purpose: 'Ein Garten für alle im Quartier',
          taxPurpose: 'Förderung des Umweltschutzes',
          costCentre: 'INI-GARTEN',
          status: 'active',
          agreementSignedOn: '2025-01-01',
          feeBasisPoints: 500,
        })
        .expect(201)
    ).body.id;
    // Onboarding opened the initiative's cost centre on the master list, under its name.
    const centres = await api.http().get(`${base}/cost-centres`).set(treasurer).expect(200);
    expect(centres.body.items).toEqual([
      expect.objectContaining({
        code: 'INI-GARTEN',
        name: 'Gemeinschaftsgarten Nord',
        active: true,
      }),
    ]);
  });
  let garden: string;
  afterAll(() => api.close());

  const donor = (over: Record<string, unknown> = {}) => ({
    kind: 'person',
    firstName: 'Erika',
    lastName: 'Mustermann',
    street: 'Lindenstraße 5',
    postalCode: '70176',
    city: 'Stuttgart',
    ...over,
  });
  const money = (donorId: string, over: Record<string, unknown> = {}) => ({
    donorId,
    kind: 'money',
    channel: 'transfer',
    receivedOn: '2026-03-02',
    amountCents: 12000,
    earmark: 'general',
    ...over,
  });
  const count = async (table: string) =>
    Number((await api.sql.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('records a donation and books it in the same step; the entry names the donation', async () => {
    const created = await api.http().post(`${base}/donors`).set(staff).send(donor()).expect(201);
    const donation = await api
      .http()
      .post(`${base}/donations`)
      .set(treasurer)
      .send(money(created.body.id, { earmark: 'initiative', initiativeId: garden }))
      .expect(201);
    expect(donation.body).toMatchObject({
      amountCents: 12000,
      costCentre: 'INI-GARTEN',
      initiativeId: garden,
      correctedAt: null,
    });
    const entry = await api
      .http()
      .get(`${base}/ledger/entries/${donation.body.journalEntryId}`)
      .set(treasurer)
      .expect(200);
    expect(entry.body).toMatchObject({
      source: 'donation',
      sourceId: donation.body.id,
      bookedOn: '2026-03-02',
    });
    expect(
      entry.body.lines.map((l: { account: number; side: string; costCentre: string }) => [
        l.account,
        l.side,
        l.costCentre,
      ]),
    ).toEqual([
      // Entered by hand: Geldtransit until the bank statement shows the money.
      [13720, 'debit', 'INI-GARTEN'],
      [40450, 'credit', 'INI-GARTEN'],
      // 5 % administration fee: borne by the initiative, earned by the umbrella.
      [63010, 'debit', 'INI-GARTEN'],
      [49920, 'credit', null],
    ]);
    expect(entry.body.lines.slice(2).map((l: { amountCents: number }) => l.amountCents)).toEqual([
      600, 600,
    ]);
    const unknown = await api
      .http()
      .post(`${base}/donations`)
      .set(treasurer)
      .send(
        money(created.body.id, {
          earmark: 'initiative',
          initiativeId: '00000000-0000-4000-8000-000000000000',
        }),
      )
      .expect(404);
    expect(unknown.body).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'Initiative', field: 'initiativeId' },
    });
    await api.http().post(`${base}/donations`).set(staff).send(money(created.body.id)).expect(403);
    await api.http().get(`${base}/donations`).set(initiative).expect(403);
  });

  it('is idempotent per Idempotency-Key', async () => {
    const { body: d } = await api
      .http()
      .post(`${base}/donors`)
      .set(staff)
      .send(donor({ lastName: 'Idem' }))
      .expect(201);
    const before = await count('donations');
    const first = await api
      .http()
      .post(`${base}/donations`)
      .set(treasurer)
      .set('Idempotency-Key', 'don-1')
      .send(money(d.id))
      .expect(201);
    const again = await api
      .http()
      .post(`${base}/donations`)
      .set(treasurer)
      .set('Idempotency-Key', 'don-1')
      .send(money(d.id))
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    await api
      .http()
      .post(`${base}/donations`)
      .set(treasurer)
      .set('Idempotency-Key', 'don-1')
      .send(money(d.id, { amountCents: 1 }))
      .expect(409);
    expect(await count('donations')).toBe(before + 1);
  });

  it('answers bad donations with a code each and writes nothing', async () => {
    const { body: d } = await api
      .http()
      .post(`${base}/donors`)
      .set(staff)
      .send(donor({ lastName: 'Bad' }))
      .expect(201);
    const cases: [Record<string, unknown>, number, string][] = [
      [money(d.id, { amountCents: 0 }), 422, 'AMOUNT_NOT_POSITIVE'],
      [money(d.id, { amountCents: -100 }), 422, 'AMOUNT_NOT_POSITIVE'],
      [money(d.id, { receivedOn: '2999-01-01' }), 422, 'DATE_IN_FUTURE'],
      [money('00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND'],
      [money(d.id, { kind: 'in_kind', channel: undefined }), 422, 'IN_KIND_DETAILS_REQUIRED'],
      [
        money(d.id, { kind: 'in_kind', inKind: { item: 'Laptop', isFromBusinessAssets: false } }),
        400,
        'VALIDATION_FAILED',
      ],
      [money(d.id, { kind: 'expense_waiver' }), 422, 'WAIVER_CLAIM_REQUIRED'],
      [
        money(d.id, {
          kind: 'expense_waiver',
          waiver: { claimRef: 'V-1', agreedOn: '2026-03-05' },
        }),
        422,
        'WAIVER_CLAIM_NOT_PRIOR',
      ],
      [money(d.id, { earmark: 'initiative' }), 400, 'VALIDATION_FAILED'],
    ];
    const before = [await count('donations'), await count('journal_entries')];
    for (const [payload, status, code] of cases) {
      const res = await api.http().post(`${base}/donations`).set(treasurer).send(payload);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    }
    expect([await count('donations'), await count('journal_entries')]).toEqual(before);
  });

  it('keeps every amount within the limit, so the totals of a year never overflow', async () => {
    const trialBalanceTotal = async (): Promise<number> => {
      const { body } = await api
        .http()
        .get(`${base}/ledger/trial-balance?from=2026-01-01&to=2026-12-31`)
        .set(treasurer)
        .expect(200);
      expect(body.totals.debitCents).toBe(body.totals.creditCents);
      return body.totals.debitCents as number;
    };
    const before = await trialBalanceTotal();
    const { body: d } = await api
      .http()
      .post(`${base}/donors`)
      .set(staff)
      .send(donor({ lastName: 'Großspender' }))
      .expect(201);
    for (const receivedOn of ['2026-04-01', '2026-04-02']) {
      const refused = await api
        .http()
        .post(`${base}/donations`)
        .set(treasurer)
        .send(money(d.id, { amountCents: 2 ** 53 - 1, receivedOn }))
        .expect(400);
      expect(refused.body.errors).toMatchObject([{ field: 'amountCents', rule: 'max' }]);
      await api
        .http()
        .post(`${base}/donations`)
        .set(treasurer)
        .send(money(d.id, { amountCents: MAX_AMOUNT_CENTS, receivedOn }))
        .expect(201);
    }
    const after = await trialBalanceTotal();
    expect(after - before).toBe(2 * MAX_AMOUNT_CENTS);
    // Behind the validators, the database holds the same limit (even for a superuser's insert).
    await expect(
      api.superSql.query(
        `INSERT INTO donations
           SELECT (jsonb_populate_record(d, jsonb_build_object('id', gen_random_uuid(), 'amount_cents', $1::bigint))).*
             FROM donations d WHERE donor_id = $2 LIMIT 1`,
        [MAX_AMOUNT_CENTS + 1, d.id],
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'donations_amount_cents_check_limit' });
  });

  it('books in-kind donations and expense waivers on their accounts', async () => {
    const { body: d } = await api
      .http()
      .post(`${base}/donors`)
      .set(staff)
      .send(
        donor({
          kind: 'organisation',
          organisationName: 'Bäckerei Groß GmbH',
          lastName: undefined,
          firstName: undefined,
        }),
      )
      .expect(201);
    const inKind = await api
      .http()
      .post(`${base}/donations`)
      .set(treasurer)
      .send(
        money(d.id, {
          kind: 'in_kind',
          channel: undefined,
          amountCents: 25000,
          inKind: {
            item: 'Backwaren Sommerfest',
            valueBasis: 'Verkaufspreis laut Rechnung',
            isFromBusinessAssets: true,
          },
        }),
      )
      .expect(201);
    const waiver = await api
      .http()
      .post(`${base}/donations`)
      .set(treasurer)
      .send(
        money(d.id, {
          kind: 'expense_waiver',
          channel: undefined,
          amountCents: 4200,
          waiver: { claimRef: 'Fahrtkosten 02/2026', agreedOn: '2026-01-10' },
        }),
      )
      .expect(201);
    const accounts = async (entryId: string) =>
      (await api.http().get(`${base}/ledger/entries/${entryId}`).set(treasurer)).body.lines.map(
        (l: { account: number }) => l.account,
      );
    expect(await accounts(inKind.body.journalEntryId)).toEqual([63000, 40550]);
    expect(await accounts(waiver.body.journalEntryId)).toEqual([63010, 40650]);
  });

  it('corrects by reversal and replacement, once', async () => {
    const { body: d } = await api
      .http()
      .post(`${base}/donors`)
      .set(staff)
      .send(donor({ lastName: 'Korrektur' }))
      .expect(201);
    const { body: wrong } = await api
      .http()
      .post(`${base}/donations`)
      .set(treasurer)
      .send(money(d.id, { amountCents: 1000 }))
      .expect(201);
    const res = await api
      .http()
      .post(`${base}/donations/${wrong.id}/corrections`)
      .set(treasurer)
      .send({ reason: 'Betrag falsch erfasst', replacement: money(d.id, { amountCents: 10000 }) })
      .expect(201);
    expect(res.body.corrected).toMatchObject({
      id: wrong.id,
      correctionReason: 'Betrag falsch erfasst',
    });
    expect(res.body.replacement).toMatchObject({
      amountCents: 10000,
      replacesDonationId: wrong.id,
    });
    const original = await api
      .http()
      .get(`${base}/ledger/entries/${wrong.journalEntryId}`)
      .set(treasurer)
      .expect(200);
    expect(original.body.reversedByEntryId).toEqual(expect.any(String));
    const again = await api
      .http()
      .post(`${base}/donations/${wrong.id}/corrections`)
      .set(treasurer)
      .send({ reason: 'noch einmal' })
      .expect(409);
    expect(again.body.code).toBe('DONATION_ALREADY_CORRECTED');
    await expect(
      api.sql.query(`UPDATE donations SET amount_cents = 1 WHERE id = $1`, [wrong.id]),
    ).rejects.toThrow(/permission denied/);
  });

  it('suggests duplicates and merges them, keeping the history', async () => {
    const { body: a } = await api
      .http()
      .post(`${base}/donors`)
      .set(staff)
      .send(donor({ lastName: 'Doppelt', iban: 'DE89 3704 0044 0532 0130 00' }))
      .expect(201);
    const { body: b } = await api
      .http()
      .post(`${base}/donors`)
      .set(staff)
      .send(donor({ lastName: 'doppelt', firstName: 'E.' }))
      .expect(201);
    const { body: c } = await api
      .http()
      .post(`${base}/donors`)
      .set(staff)
      .send(donor({ lastName: 'Anders', postalCode: '10115', iban: 'DE89370400440532013000' }))
      .expect(201);
    const dupes = await api.http().get(`${base}/donors/${a.id}/duplicates`).set(staff).expect(200);
    expect(dupes.body.map((x: { id: string }) => x.id).sort()).toEqual([b.id, c.id].sort());

    await api
      .http()
      .post(`${base}/donations`)
      .set(treasurer)
      .send(money(b.id, { amountCents: 777 }))
      .expect(201);
    const merged = await api
      .http()
      .post(`${base}/donors/${b.id}/merge`)
      .set(staff)
      .send({ intoDonorId: a.id })
      .expect(201);
    expect(merged.body.id).toBe(a.id);
    const list = await api
      .http()
      .get(`${base}/donations?donorId=${a.id}`)
      .set(treasurer)
      .expect(200);
    expect(list.body.items.map((x: { amountCents: number }) => x.amountCents)).toEqual([777]);
    await api
      .http()
      .post(`${base}/donors/${b.id}/merge`)
      .set(staff)
      .send({ intoDonorId: c.id })
      .expect(409);
    const donors = await api.http().get(`${base}/donors?q=doppelt`).set(staff).expect(200);
    expect(donors.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);

    await api.http().get(`${base}/donors/${a.id}`).set(staff).expect(200);
    const reads = await api.sql.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'donor.read' AND entity_id = $1`,
      [a.id],
    );
    expect(reads[0].n).toBe(1);
  });
});
