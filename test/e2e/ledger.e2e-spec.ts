import iconv from 'iconv-lite';
import { readCsv } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { binary } from '../support/binary';
import { login, startApi, TestApi } from '../support/api';

describe('ledger over HTTP', () => {
  let api: TestApi;
  let orgId: string;
  let treasurer: { Authorization: string };
  let board: { Authorization: string };
  let staff: { Authorization: string };
  let initiative: { Authorization: string };
  let base: string;

  const body = (over: Record<string, unknown> = {}) => ({
    bookedOn: '2026-04-02',
    documentOn: '2026-04-01',
    documentNo: 'RE-2026-17',
    text: 'Druckkosten Flyer Nachbarschaftsfest',
    lines: [
      { account: 63000, side: 'debit', amountCents: 23800, sphere: 1, costCentre: 'INI-FEST' },
      { account: 18000, side: 'credit', amountCents: 23800, sphere: 1 },
    ],
    ...over,
  });

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql)).id;
    base = `/api/v1/organisations/${orgId}/ledger`;
    const as = async (role: 'treasurer' | 'board' | 'staff' | 'initiative') => {
      const u = await createUser(api.sql, { roles: { [orgId]: [role] } });
      return login(api, u.email, u.password);
    };
    [treasurer, board, staff, initiative] = [
      await as('treasurer'),
      await as('board'),
      await as('staff'),
      await as('initiative'),
    ];
    const chart = await api.http().post(`${base}/chart`).set(treasurer).send({}).expect(201);
    const accounts = await api.http().get(`${base}/accounts`).set(treasurer).expect(200);
    expect(chart.body.installed).toBe(accounts.body.total);
    expect(accounts.body.total).toBeGreaterThan(50);
    // The chart pages like every list: the second page continues the first.
    const second = await api.http().get(`${base}/accounts?page=2&pageSize=10`).set(treasurer);
    expect(second.body.items).toHaveLength(10);
    expect(second.body.items[0].number).toBe(accounts.body.items[10].number);
    const again = await api.http().post(`${base}/chart`).set(treasurer).send({}).expect(201);
    expect(again.body.installed).toBe(0);
    await api
      .http()
      .post(`${base}/fiscal-years`)
      .set(treasurer)
      .send({ startsOn: '2026-01-01' })
      .expect(201);
    await api
      .http()
      .post(`/api/v1/organisations/${orgId}/cost-centres`)
      .set(treasurer)
      .send({ code: 'INI-FEST', name: 'Nachbarschaftsfest' })
      .expect(201);
  });
  afterAll(() => api.close());

  const journalSize = async () =>
    Number((await api.sql.query(`SELECT count(*) AS n FROM journal_entries`))[0].n);

  it('lets a treasurer post and reverse; board and staff read; initiative users see nothing', async () => {
    const posted = await api.http().post(`${base}/entries`).set(treasurer).send(body()).expect(201);
    expect(posted.body).toMatchObject({ entryNumber: 1, source: 'manual', totalCents: 23800 });
    expect(posted.body.hash).toMatch(/^[0-9a-f]{64}$/);

    await api.http().post(`${base}/entries`).set(staff).send(body()).expect(403);
    await api.http().post(`${base}/entries`).set(board).send(body()).expect(403);
    await api.http().get(`${base}/entries/${posted.body.id}`).set(board).expect(200);
    await api
      .http()
      .get(`${base}/trial-balance?from=2026-01-01&to=2026-12-31`)
      .set(staff)
      .expect(200);
    await api.http().get(`${base}/entries`).set(initiative).expect(403);

    const reversal = await api
      .http()
      .post(`${base}/entries/${posted.body.id}/reverse`)
      .set(treasurer)
      .send({ bookedOn: '2026-04-03' })
      .expect(201);
    expect(reversal.body).toMatchObject({
      entryNumber: 2,
      reversesEntryId: posted.body.id,
      source: 'reversal',
    });
    expect(reversal.body.lines.map((l: { side: string }) => l.side)).toEqual(['credit', 'debit']);
    const again = await api
      .http()
      .post(`${base}/entries/${posted.body.id}/reverse`)
      .set(treasurer)
      .send({})
      .expect(409);
    expect(again.body.code).toBe('ENTRY_ALREADY_REVERSED');
    const ofReversal = await api
      .http()
      .post(`${base}/entries/${reversal.body.id}/reverse`)
      .set(treasurer)
      .send({})
      .expect(422);
    expect(ofReversal.body.code).toBe('ENTRY_IS_REVERSAL');

    const original = await api
      .http()
      .get(`${base}/entries/${posted.body.id}`)
      .set(board)
      .expect(200);
    expect(original.body.reversedByEntryId).toBe(reversal.body.id);
  });

  it('answers each kind of bad booking with its own code and writes nothing', async () => {
    await api
      .http()
      .post(`${base}/accounts`)
      .set(treasurer)
      .send({ number: 67999, name: 'Alt', type: 'expense' })
      .expect(201);
    await api
      .http()
      .patch(`${base}/accounts/67999`)
      .set(treasurer)
      .send({ isActive: false })
      .expect(200);
    const cases: [Record<string, unknown>, number, string][] = [
      [
        body({
          lines: [
            { account: 63000, side: 'debit', amountCents: 100, sphere: 1 },
            { account: 18000, side: 'credit', amountCents: 90, sphere: 1 },
          ],
        }),
        422,
        'ENTRY_UNBALANCED',
      ],
      [
        body({
          lines: [
            { account: 63000, side: 'debit', amountCents: 0, sphere: 1 },
            { account: 18000, side: 'credit', amountCents: 0, sphere: 1 },
          ],
        }),
        422,
        'AMOUNT_NOT_POSITIVE',
      ],
      [
        body({
          lines: [
            { account: 63000, side: 'debit', amountCents: -5, sphere: 1 },
            { account: 18000, side: 'credit', amountCents: -5, sphere: 1 },
          ],
        }),
        422,
        'AMOUNT_NOT_POSITIVE',
      ],
      [
        body({
          lines: [
            { account: 12345, side: 'debit', amountCents: 100, sphere: 1 },
            { account: 18000, side: 'credit', amountCents: 100, sphere: 1 },
          ],
        }),
        404,
        'ACCOUNT_UNKNOWN',
      ],
      [
        body({
          lines: [
            { account: 67999, side: 'debit', amountCents: 100, sphere: 1 },
            { account: 18000, side: 'credit', amountCents: 100, sphere: 1 },
          ],
        }),
        422,
        'ACCOUNT_INACTIVE',
      ],
      [body({ bookedOn: '2027-01-05' }), 422, 'NO_FISCAL_YEAR'],
      [
        body({
          lines: [
            { account: 18000, side: 'debit', amountCents: 100, sphere: 4 },
            { account: 40450, side: 'credit', amountCents: 100, sphere: 4 },
          ],
        }),
        422,
        'SPHERE_NOT_ALLOWED',
      ],
      [
        body({
          lines: [
            { account: 63000, side: 'debit', amountCents: 100, sphere: 7 },
            { account: 18000, side: 'credit', amountCents: 100, sphere: 1 },
          ],
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [body({ text: 'x'.repeat(61) }), 400, 'VALIDATION_FAILED'],
    ];
    const before = await journalSize();
    for (const [payload, status, code] of cases) {
      const res = await api.http().post(`${base}/entries`).set(treasurer).send(payload);
      expect({
        status: res.status,
        code: res.body.code,
        type: res.headers['content-type'],
      }).toEqual({
        status,
        code,
        type: expect.stringMatching(/problem\+json/),
      });
    }
    expect(await journalSize()).toBe(before);
  });

  it('refuses bookings in a closed period', async () => {
    const years = await api.http().get(`${base}/fiscal-years`).set(board).expect(200);
    await api
      .http()
      .post(`${base}/fiscal-years/${years.body.items[0].id}/periods/1/close`)
      .set(treasurer)
      .expect(201);
    const res = await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .send(body({ bookedOn: '2026-01-20' }))
      .expect(422);
    expect(res.body.code).toBe('PERIOD_CLOSED');
  });

  it('reports: trial balance, account ledger with running balance, EÜR by sphere and cost centre, verify, exports', async () => {
    await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .send(
        body({
          bookedOn: '2026-05-02',
          lines: [
            { account: 18000, side: 'debit', amountCents: 50000, sphere: 1 },
            { account: 40450, side: 'credit', amountCents: 50000, costCentre: 'INI-FEST' },
          ],
        }),
      )
      .expect(201);
    await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .send(
        body({
          bookedOn: '2026-05-03',
          lines: [
            { account: 18000, side: 'debit', amountCents: 12000, sphere: 4 },
            { account: 44000, side: 'credit', amountCents: 12000 },
          ],
        }),
      )
      .expect(422)
      .expect((r) =>
        expect(r.body).toMatchObject({
          code: 'VAT_LINE_MISSING',
          details: { account: 44000, taxAccount: 38060, expectedTaxCents: 2280 },
        }),
      );
    // 120.00 gross at 19 %: DATEV splits 19.16 tax off it, Dachwerk books the same split.
    await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .send(
        body({
          bookedOn: '2026-05-03',
          lines: [
            { account: 18000, side: 'debit', amountCents: 12000, sphere: 4 },
            { account: 44000, side: 'credit', amountCents: 10084 },
            { account: 38060, side: 'credit', amountCents: 1916 },
          ],
        }),
      )
      .expect(201);

    const tb = await api
      .http()
      .get(`${base}/trial-balance?from=2026-01-01&to=2026-12-31`)
      .set(board)
      .expect(200);
    expect(tb.body.totals.debitCents).toBe(tb.body.totals.creditCents);
    expect(tb.body.accounts.find((a: { number: number }) => a.number === 18000).balanceCents).toBe(
      62000,
    );

    const kontoblatt = await api
      .http()
      .get(`${base}/accounts/18000/ledger?from=2026-05-01&to=2026-05-31`)
      .set(board)
      .expect(200);
    expect(kontoblatt.body.openingBalanceCents).toBe(0); // -238 + 238 from the reversed pair
    expect(kontoblatt.body.lines.map((l: { balanceCents: number }) => l.balanceCents)).toEqual([
      50000, 62000,
    ]);

    const bySphere = await api
      .http()
      .get(`${base}/income-statement?from=2026-01-01&to=2026-12-31&by=sphere`)
      .set(board)
      .expect(200);
    const sphere = (key: string) =>
      bySphere.body.groups.find((g: { key: string }) => g.key === key);
    expect(sphere('1')).toMatchObject({ incomeCents: 50000, expenseCents: 0, resultCents: 50000 });
    expect(sphere('4')).toMatchObject({ incomeCents: 10084 });
    const byCc = await api
      .http()
      .get(`${base}/income-statement?from=2026-01-01&to=2026-12-31&by=costCentre`)
      .set(board)
      .expect(200);
    expect(byCc.body.groups.find((g: { key: string }) => g.key === 'INI-FEST')).toMatchObject({
      incomeCents: 50000,
      expenseCents: 0,
    });

    const verify = await api.http().get(`${base}/verify`).set(board).expect(200);
    expect(verify.body).toEqual({ ok: true, entriesChecked: 4, firstBroken: null });

    const unset = await api
      .http()
      .get(`${base}/exports/datev?from=2026-01-01&to=2026-12-31`)
      .set(board)
      .expect(409);
    expect(unset.body).toMatchObject({
      code: 'DATEV_SETTINGS_MISSING',
      details: { missing: ['datevConsultantNumber', 'datevClientNumber'] },
    });
    await api
      .http()
      .put(`${base}/settings`)
      .set(treasurer)
      .send({ datevConsultantNumber: 29098, datevClientNumber: 55003 })
      .expect(200);
    const datev = await api
      .http()
      .get(`${base}/exports/datev?from=2026-01-01&to=2026-12-31`)
      .set(board)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(datev.headers['content-type']).toMatch(/windows-1252/);
    expect((datev.body as Buffer).toString('latin1').split('\r\n').filter(Boolean)).toHaveLength(
      2 + 4,
    );
    const spanning = await api
      .http()
      .get(`${base}/exports/datev?from=2025-06-01&to=2026-06-30`)
      .set(board)
      .expect(400);
    expect(spanning.body.code).toBe('DATEV_RANGE_NOT_IN_ONE_YEAR');

    const csv = await api
      .http()
      .get(`${base}/exports/journal.csv?from=2026-01-01&to=2026-12-31`)
      .set(board)
      .expect(200);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1 + 9);
  });

  it('imports opening balances from CSV, all or nothing, naming bad lines', async () => {
    const year = await api
      .http()
      .post(`${base}/fiscal-years`)
      .set(treasurer)
      .send({ startsOn: '2025-01-01' })
      .expect(201);
    const url = `${base}/fiscal-years/${year.body.id}/opening-balances.csv`;
    const bad = await api
      .http()
      .post(url)
      .set(treasurer)
      .attach(
        'file',
        Buffer.from('Konto;Soll;Haben\n18000;1.000,00;\n16000;abc;\n25000;;1.000,00\n'),
        'eb.csv',
      )
      .expect(400);
    expect(bad.body.code).toBe('CSV_INVALID');
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ line: 3, field: 'debit', rule: 'isAmount' }),
      expect.objectContaining({ line: 3, rule: 'oneSide' }),
    ]);
    const before = await journalSize();
    const unbalanced = await api
      .http()
      .post(url)
      .set(treasurer)
      .attach('file', Buffer.from('Konto;Soll;Haben\n18000;1.000,00;\n25000;;999,00\n'), 'eb.csv')
      .expect(422);
    expect(unbalanced.body.code).toBe('ENTRY_UNBALANCED');
    expect(await journalSize()).toBe(before);
    await api.http().post(url).set(treasurer).expect(400);

    const ok = await api
      .http()
      .post(url)
      .set(treasurer)
      .attach(
        'file',
        Buffer.from('Konto;Soll;Haben\n18000;1.000,00;\n16000;234,50;\n25000;;1.234,50\n'),
        'eb.csv',
      )
      .expect(201);
    expect(ok.body).toMatchObject({
      source: 'opening-balance',
      bookedOn: '2025-01-01',
      totalCents: 123450,
    });
  });

  it('honours Idempotency-Key: same key and body replay the first entry, another body answers 409', async () => {
    const before = await journalSize();
    const payload = body({ bookedOn: '2026-06-01', documentNo: 'IDEM-1' });
    const first = await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .set('Idempotency-Key', 'entry-idem-1')
      .send(payload)
      .expect(201);
    const again = await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .set('Idempotency-Key', 'entry-idem-1')
      .send(payload)
      .expect(201);
    expect(again.body).toEqual(first.body);
    const other = await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .set('Idempotency-Key', 'entry-idem-1')
      .send({ ...payload, documentNo: 'IDEM-2' })
      .expect(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await journalSize()).toBe(before + 1);

    // concurrent repeats of one key: one entry, the same answer for all
    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        api
          .http()
          .post(`${base}/entries`)
          .set(treasurer)
          .set('Idempotency-Key', 'entry-idem-race')
          .send(payload),
      ),
    );
    expect(racing.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(racing.map((r) => r.body.id)).size).toBe(1);
    expect(await journalSize()).toBe(before + 2);

    // a failed request does not burn its key
    const bad = body({
      bookedOn: '2026-06-02',
      lines: [
        { account: 12345, side: 'debit', amountCents: 1, sphere: 1 },
        { account: 18000, side: 'credit', amountCents: 1, sphere: 1 },
      ],
    });
    await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .set('Idempotency-Key', 'entry-idem-3')
      .send(bad)
      .expect(404);
    await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .set('Idempotency-Key', 'entry-idem-3')
      .send(payload)
      .expect(201);
    const malformed = await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .set('Idempotency-Key', 'has spaces')
      .send(payload)
      .expect(400);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'Idempotency-Key' });
  });
  it('neutralises formulas in the journal CSV and the DATEV export: read back, every text is text', async () => {
    const text = '=HYPERLINK("https://evil.example","Beleg")';
    await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .send(
        body({ bookedOn: '2026-11-03', documentOn: '2026-11-02', documentNo: '+4915112345', text }),
      )
      .expect(201);
    await api
      .http()
      .put(`${base}/settings`)
      .set(treasurer)
      .send({ datevConsultantNumber: 29098, datevClientNumber: 55003 })
      .expect(200);
    const range = 'from=2026-11-01&to=2026-11-30';
    const journal = await api
      .http()
      .get(`${base}/exports/journal.csv?${range}`)
      .set(board)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const datev = await api
      .http()
      .get(`${base}/exports/datev?${range}`)
      .set(board)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const journalRows = readCsv(journal.body as Buffer).rows;
    // DATEV: line 1 is the EXTF header, line 2 the column names, then the bookings.
    const datevRows = readCsv(
      Buffer.from(
        iconv
          .decode(datev.body as Buffer, 'win1252')
          .split('\r\n')
          .slice(1)
          .join('\r\n'),
      ),
    ).rows;
    for (const rows of [journalRows, datevRows]) {
      const cells = rows.flatMap((r) => r.cells);
      expect(cells).toContain(`'${text}`);
      expect(cells).toContain("'+4915112345");
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    }
  });

  it('books only onto cost centres of the master list: unknown and deactivated ones are refused', async () => {
    const centres = `/api/v1/organisations/${orgId}/cost-centres`;
    await api
      .http()
      .post(centres)
      .set(staff)
      .send({ code: 'VERW', name: 'Verwaltung' })
      .expect(403);
    await api
      .http()
      .post(centres)
      .set(treasurer)
      .send({ code: 'VERW', name: 'Verwaltung' })
      .expect(201);
    const dup = await api
      .http()
      .post(centres)
      .set(treasurer)
      .send({ code: 'VERW', name: 'Noch einmal' })
      .expect(409);
    expect(dup.body.code).toBe('COST_CENTRE_EXISTS');
    const list = await api.http().get(`${centres}?pageSize=50`).set(board).expect(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 50 });
    expect(list.body.items.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['INI-FEST', 'VERW']),
    );
    const before = await journalSize();
    const line = (costCentre: string) =>
      body({
        lines: [
          { account: 63000, side: 'debit', amountCents: 100, sphere: 1, costCentre },
          { account: 18000, side: 'credit', amountCents: 100, sphere: 1 },
        ],
      });
    const unknown = await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .send(line('INI-FESTT'))
      .expect(422);
    expect(unknown.body).toMatchObject({ code: 'COST_CENTRE_UNKNOWN' });
    expect(JSON.stringify(unknown.body)).toContain('lines.0.costCentre');

    const off = await api.http().post(`${centres}/VERW/deactivate`).set(treasurer).expect(201);
    expect(off.body).toMatchObject({ code: 'VERW', active: false });
    const inactive = await api
      .http()
      .post(`${base}/entries`)
      .set(treasurer)
      .send(line('VERW'))
      .expect(422);
    expect(inactive.body.code).toBe('COST_CENTRE_INACTIVE');
    expect(await journalSize()).toBe(before);
    const deactivated = await api.http().get(`${centres}?active=false`).set(staff).expect(200);
    expect(deactivated.body.items.map((c: { code: string }) => c.code)).toEqual(['VERW']);
    await api.http().post(`${centres}/NOPE/deactivate`).set(treasurer).expect(404);
    await api.http().post(`${centres}/VERW/activate`).set(treasurer).expect(201);
    await api.http().post(`${base}/entries`).set(treasurer).send(line('VERW')).expect(201);

    // The database refuses an unknown cost centre too, whatever writes the line.
    const [fk] = await api.sql.query(
      `SELECT confrelid::regclass::text AS target, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE conname = 'journal_lines_cost_centre_fkey'`,
    );
    expect(fk).toEqual({
      target: 'cost_centres',
      def: 'FOREIGN KEY (organisation_id, cost_centre) REFERENCES cost_centres(organisation_id, code)',
    });
  });
});
