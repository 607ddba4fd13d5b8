import { ChildProcess } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import { addDays, nextTargetBusinessDay, todayIso, xsdErrors } from '@dachwerk/shared';
import { writeCamt053, type CamtTx } from '@dachwerk/banking';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { binary } from '../support/binary';
import { login, startApi, TestApi, waitFor } from '../support/api';
import { spawnWorker, stopProcess } from '../support/worker';

const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (
  data: Buffer,
) => Promise<{ text: string; numpages: number }>;

type Auth = { Authorization: string };
interface Receivable {
  id: string;
  memberId: string;
  memberNo: string;
  kind: string;
  description: string;
  amountCents: number;
  status: string;
  endToEndId: string;
  dunningLevel: number;
}

const ORG_IBAN = 'DE89370400440532013000';
const DEBTOR_IBANS = [
  'DE02120300000000202051',
  'DE02500105170137075030',
  'DE02100500000054540402',
  'DE88100900001234567892',
];

describe('membership, fees, SEPA and bank statements over HTTP', () => {
  let api: TestApi;
  let worker: { child: ChildProcess; output: () => string };
  let base: string;
  let staff: Auth;
  let treasurer: Auth;
  let board: Auth;
  let outsider: Auth;
  const collection = nextTargetBusinessDay(addDays(todayIso(), 15));
  const year = collection.slice(0, 4);
  const members: Record<string, { id: string; memberNo: string }> = {};
  let tierYear: string;
  let feeRun: {
    id: string;
    receivableCount: number;
    debitCount: number;
    totalCents: number;
    debitTotalCents: number;
  };

  const count = async (table: string) =>
    Number((await api.sql.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const receivables = async (): Promise<Receivable[]> =>
    (await api.http().get(`${base}/receivables?pageSize=200`).set(treasurer).expect(200)).body
      .items;
  const upload = (xml: string, auth: Auth = treasurer) =>
    api
      .http()
      .post(`${base}/bank-statements`)
      .set(auth)
      .attach('file', Buffer.from(xml), 'camt.xml');

  beforeAll(async () => {
    api = await startApi();
    const org = await createOrganisation(api.sql, {
      sepaCreditorId: 'DE98ZZZ09999999999',
      name: 'Bürgerverein Südstadt e.V.',
    });
    base = `/api/v1/organisations/${org.id}`;
    await api.sql.query(
      `INSERT INTO organisation_bank_accounts (organisation_id, label, iban, bic, is_default) VALUES ($1, 'Giro', $2, 'COBADEFFXXX', true)`,
      [org.id, ORG_IBAN],
    );
    await api.sql.query(
      `UPDATE organisations SET purposes = $2, is_receipt_machine_signed = true, street = 'Marktplatz 1' WHERE id = $1`,
      [org.id, ['des bürgerschaftlichen Engagements']],
    );
    await api.sql.query(
      `INSERT INTO exemption_notices (organisation_id, kind, issued_on, tax_office, tax_number, period_from, period_to)
       VALUES ($1, 'freistellungsbescheid', '2025-06-16', 'Finanzamt Stuttgart-Körperschaften', '99015/12345', '2021-01-01', '2023-12-31')`,
      [org.id],
    );
    const as = async (role: 'staff' | 'treasurer' | 'board') => {
      const u = await createUser(api.sql, { roles: { [org.id]: [role] } });
      return login(api, u.email, u.password);
    };
    [staff, treasurer, board] = [await as('staff'), await as('treasurer'), await as('board')];
    const other = await createOrganisation(api.sql);
    const stranger = await createUser(api.sql, { roles: { [other.id]: ['treasurer'] } });
    outsider = await login(api, stranger.email, stranger.password);
    await api.http().post(`${base}/ledger/chart`).set(treasurer).send({}).expect(201);
    for (const y of new Set([todayIso().slice(0, 4), year]))
      await api
        .http()
        .post(`${base}/ledger/fiscal-years`)
        .set(treasurer)
        .send({ startsOn: `${y}-01-01` })
        .expect(201);
    worker = spawnWorker();
  });
  afterAll(async () => {
    await stopProcess(worker.child);
    await api.close();
  });

  it('keeps a fee schedule with tiers per membership form; bad input names the field', async () => {
    const tier = await api
      .http()
      .post(`${base}/tiers`)
      .set(staff)
      .send({
        code: 'IND-Y',
        name: 'Einzelmitglied',
        memberForm: 'individual',
        interval: 'yearly',
        validFrom: '2020-01-01',
        amountCents: 6000,
        reducedAmountCents: 3000,
        admissionFeeCents: 1000,
        feesDeductible: true,
      })
      .expect(201);
    tierYear = tier.body.id;
    expect(tier.body.rates).toEqual([
      {
        validFrom: '2020-01-01',
        amountCents: 6000,
        reducedAmountCents: 3000,
        admissionFeeCents: 1000,
      },
    ]);
    await api
      .http()
      .post(`${base}/tiers`)
      .set(staff)
      .send({
        code: 'ORG-Q',
        name: 'Verein',
        memberForm: 'organisation',
        interval: 'quarterly',
        validFrom: '2020-01-01',
        amountCents: 2500,
      })
      .expect(201);
    const bad = await api
      .http()
      .post(`${base}/tiers`)
      .set(staff)
      .send({
        code: 'X',
        name: 'x',
        memberForm: 'club',
        interval: 'weekly',
        validFrom: '2020-01-01',
        amountCents: -5,
      })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'amountCents',
      'interval',
      'memberForm',
    ]);
    const page = (await api.http().get(`${base}/tiers?pageSize=1`).set(board).expect(200)).body;
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    await api.http().get(`${base}/tiers`).set(outsider).expect(404);
  });

  it('keeps members with numbers, mandates with validated IBANs; refuses what is wrong', async () => {
    const tiers = (await api.http().get(`${base}/tiers`).set(staff).expect(200)).body.items as {
      id: string;
      code: string;
    }[];
    const orgTier = tiers.find((t) => t.code === 'ORG-Q')!.id;
    const people = [
      {
        key: 'erika',
        lastName: 'Mustermann',
        firstName: 'Erika',
        joinedOn: '2021-03-01',
        tierId: tierYear,
      },
      {
        key: 'juergen',
        lastName: 'Groß',
        firstName: 'Jürgen',
        joinedOn: '2022-05-10',
        tierId: tierYear,
        reduced: true,
      },
      {
        key: 'newbie',
        lastName: 'Neumann',
        firstName: 'Nora',
        joinedOn: `${year}-01-01` > todayIso() ? todayIso() : `${year}-01-01`,
        tierId: tierYear,
      },
      {
        key: 'payer',
        lastName: 'Überweiser',
        firstName: 'Uwe',
        joinedOn: '2019-01-01',
        tierId: tierYear,
      },
    ];
    for (const p of people) {
      const { key, ...body } = p;
      const res = await api
        .http()
        .post(`${base}/members`)
        .set(staff)
        .send({
          kind: 'person',
          street: 'Lindenstraße 5',
          postalCode: '70176',
          city: 'Stuttgart',
          ...body,
        })
        .expect(201);
      members[key] = res.body;
    }
    const club = await api
      .http()
      .post(`${base}/members`)
      .set(staff)
      .send({
        kind: 'organisation',
        organisationName: 'Sportfreunde Süd e.V.',
        joinedOn: '2020-01-01',
        tierId: orgTier,
      })
      .expect(201);
    members.club = club.body;
    expect(Object.values(members).map((m) => m.memberNo)).toEqual([
      'M-00001',
      'M-00002',
      'M-00003',
      'M-00004',
      'M-00005',
    ]);

    for (const [i, key] of ['erika', 'juergen', 'newbie', 'club'].entries())
      await api
        .http()
        .post(`${base}/mandates`)
        .set(staff)
        .send({
          memberId: members[key].id,
          signedOn: '2024-01-15',
          debtorName: `Debtor ${key}`,
          iban: DEBTOR_IBANS[i],
        })
        .expect(201);

    const before = await count('sepa_mandates');
    const badIban = await api
      .http()
      .post(`${base}/mandates`)
      .set(staff)
      .send({
        memberId: members.payer.id,
        signedOn: '2024-01-15',
        debtorName: 'U',
        iban: 'DE00123456780000000000',
      })
      .expect(400);
    expect(badIban.body.errors[0]).toMatchObject({ field: 'iban' });
    const noDate = await api
      .http()
      .post(`${base}/mandates`)
      .set(staff)
      .send({ memberId: members.payer.id, debtorName: 'U', iban: DEBTOR_IBANS[3] })
      .expect(400);
    expect(noDate.body.errors[0]).toMatchObject({ field: 'signedOn' });
    const taken = await api
      .http()
      .post(`${base}/mandates`)
      .set(staff)
      .send({
        memberId: members.payer.id,
        reference: 'M-00001-20240115',
        signedOn: '2024-01-15',
        debtorName: 'U',
        iban: DEBTOR_IBANS[3],
      })
      .expect(409);
    expect(taken.body.code).toBe('MANDATE_REFERENCE_TAKEN');
    expect(await count('sepa_mandates')).toBe(before);

    const search = await api.http().get(`${base}/members?search=gro%C3%9F`).set(board).expect(200);
    expect(search.body.items.map((m: { memberNo: string }) => m.memberNo)).toEqual(['M-00002']);
    // Umlauts spelled out or not, in any case: the same member.
    for (const term of ['Ueberweiser', 'überweiser', 'ÜBERWEISER', 'Juergen Gross'])
      expect(
        (await api.http().get(`${base}/members`).query({ search: term }).set(board).expect(200))
          .body.items,
      ).toHaveLength(1);
    const orgs = await api
      .http()
      .get(`${base}/members?memberForm=organisation`)
      .set(board)
      .expect(200);
    expect(orgs.body.total).toBe(1);
  });

  it('raises the year’s fees as booked receivables and a schema-valid pain.008; a second run raises nothing', async () => {
    const early = await api
      .http()
      .post(`${base}/fee-runs`)
      .set(treasurer)
      .send({
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        collectionDate: addDays(todayIso(), 3),
      })
      .expect(422);
    expect(early.body.code).toBe('COLLECTION_TOO_EARLY');
    const saturday = (() => {
      let d = addDays(todayIso(), 20);
      while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 6) d = addDays(d, 1);
      return d;
    })();
    const weekend = await api
      .http()
      .post(`${base}/fee-runs`)
      .set(treasurer)
      .send({ periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, collectionDate: saturday })
      .expect(422);
    expect(weekend.body).toMatchObject({ code: 'COLLECTION_NOT_BUSINESS_DAY' });
    expect(await count('receivables')).toBe(0);

    // Without a fiscal year for the fees, the run says so in its own words (no ledger internals).
    const later = String(Number(year) + 3);
    const noYear = await api
      .http()
      .post(`${base}/fee-runs/preview`)
      .set(staff)
      .send({
        periodStart: `${later}-01-01`,
        periodEnd: `${later}-12-31`,
        collectionDate: collection,
      })
      .expect(422);
    expect(noYear.body).toMatchObject({
      code: 'FEE_RUN_NO_FISCAL_YEAR',
      detail: expect.stringContaining(`für ${later} ist noch kein Geschäftsjahr angelegt`),
    });
    expect(JSON.stringify(noYear.body)).not.toMatch(/entryIndex|bookedOn/);

    // staff preview the run: the same figures, and nothing is raised, booked or used
    const entriesBefore = await count('journal_entries');
    const preview = await api
      .http()
      .post(`${base}/fee-runs/preview`)
      .set(staff)
      .send({
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        collectionDate: collection,
      })
      .expect(200);
    expect(await count('receivables')).toBe(0);
    expect(await count('fee_runs')).toBe(0);
    expect(await count('journal_entries')).toBe(entriesBefore);
    const [{ used }] = await api.sql.query(
      `SELECT count(*)::int AS used FROM sepa_mandates WHERE last_used_on IS NOT NULL`,
    );
    expect(used).toBe(0);

    const run = await api
      .http()
      .post(`${base}/fee-runs`)
      .set(treasurer)
      .send({
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        collectionDate: collection,
      })
      .expect(201);
    feeRun = run.body;
    expect(preview.body).toMatchObject({
      receivableCount: feeRun.receivableCount,
      totalCents: feeRun.totalCents,
      debitCount: feeRun.debitCount,
      debitTotalCents: feeRun.debitTotalCents,
    });
    expect(preview.body.items).toHaveLength(feeRun.receivableCount);
    expect(
      preview.body.items.reduce(
        (sum: number, i: { amountCents: number }) => sum + i.amountCents,
        0,
      ),
    ).toBe(feeRun.totalCents);
    const list = await receivables();
    const joinedThisYear = `${year}-01-01` <= todayIso();
    // 4 yearly fees, 4 quarterly club fees, and the newcomer's admission fee if they joined in the run's year.
    expect(list).toHaveLength(joinedThisYear ? 9 : 8);
    const of = (key: string) => list.filter((r) => r.memberId === members[key].id);
    expect(of('juergen').map((r) => r.amountCents)).toEqual([3000]);
    expect(of('club').map((r) => r.amountCents)).toEqual([2500, 2500, 2500, 2500]);
    // Letters read the descriptions: proper German, the quarter in words.
    expect(
      of('club')
        .map((r) => r.description.split(' M-')[0])
        .sort(),
    ).toEqual([1, 2, 3, 4].map((q) => `Beitrag ${q}. Quartal ${year}`));
    expect(of('juergen')[0].description).toMatch(new RegExp(`^Beitrag ${year} M-`));
    expect(of('payer').map((r) => r.status)).toEqual(['open']);
    expect(of('erika').map((r) => r.status)).toEqual(['submitted']);
    expect(feeRun.debitCount).toBe(list.length - 1);
    expect(feeRun.debitTotalCents).toBe(
      list.filter((r) => r.status === 'submitted').reduce((s, r) => s + r.amountCents, 0),
    );

    // Every receivable is booked: 12100 against 40000/40100 in sphere 1.
    const [books] = await api.sql.query(
      `SELECT sum(amount_cents) FILTER (WHERE account_number = 12100 AND side = 'D')::int AS receivable,
              sum(amount_cents) FILTER (WHERE account_number IN (40000, 40100) AND side = 'C' AND sphere = 1)::int AS income
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE e.source = 'membership-fee'`,
    );
    expect(books).toEqual({ receivable: feeRun.totalCents, income: feeRun.totalCents });

    const sepa = await api
      .http()
      .get(`${base}/fee-runs/${feeRun.id}/sepa-file`)
      .set(treasurer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const xml = (sepa.body as Buffer).toString('utf8');
    expect(await xsdErrors('pain.008.001.08', xml)).toEqual([]);
    const doc = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      isArray: (n) => ['PmtInf', 'DrctDbtTxInf'].includes(n),
    }).parse(xml);
    const root = doc.Document.CstmrDrctDbtInitn;
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(Number(root.GrpHdr.NbOfTxs)).toBe(feeRun.debitCount);
    expect(cents(root.GrpHdr.CtrlSum)).toBe(feeRun.debitTotalCents);
    const txs = root.PmtInf.flatMap((p: { DrctDbtTxInf: unknown[] }) => p.DrctDbtTxInf);
    const erikaFee = of('erika')[0];
    const erikaTx = txs.find(
      (t: { PmtId: { EndToEndId: string } }) => t.PmtId.EndToEndId === erikaFee.endToEndId,
    );
    expect(erikaTx.DrctDbtTx.MndtRltdInf).toEqual({
      MndtId: 'M-00001-20240115',
      DtOfSgntr: '2024-01-15',
    });
    expect(erikaTx.DbtrAcct.Id.IBAN).toBe(DEBTOR_IBANS[0]);
    expect(root.PmtInf[0].CdtrSchmeId.Id.PrvtId.Othr.Id).toBe('DE98ZZZ09999999999');
    expect(root.PmtInf[0].ReqdColltnDt).toBe(collection);
    // The bank file alone spells text in the SEPA set.
    for (const tx of txs as { Dbtr: { Nm: string }; RmtInf: { Ustrd: string } }[]) {
      expect(tx.Dbtr.Nm).toMatch(/^[A-Za-z0-9/?:().,'+ -]+$/);
      expect(tx.RmtInf.Ustrd).toMatch(/^[A-Za-z0-9/?:().,'+ -]+$/);
    }

    const again = await api
      .http()
      .post(`${base}/fee-runs`)
      .set(treasurer)
      .send({
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        collectionDate: collection,
      })
      .expect(201);
    expect(again.body).toMatchObject({ receivableCount: 0, debitCount: 0, sepaMessageId: null });
    await api.http().get(`${base}/fee-runs/${again.body.id}/sepa-file`).set(treasurer).expect(404);
  });

  it('has the worker render the pre-notification letters', async () => {
    const list = await api
      .http()
      .get(`${base}/fee-runs/${feeRun.id}/pre-notifications`)
      .set(staff)
      .expect(200);
    expect(list.body.map((n: { memberNo: string }) => n.memberNo)).toEqual([
      'M-00001',
      'M-00002',
      'M-00003',
      'M-00005',
    ]);
    const pdf = await waitFor(async () => {
      const res = await api
        .http()
        .get(`${base}/fee-runs/${feeRun.id}/pre-notifications.pdf`)
        .set(staff)
        .buffer(true)
        .parse(binary);
      return res.status === 200 ? (res.body as Buffer) : undefined;
    });
    const { text, numpages } = await pdfParse(pdf);
    // Four debit notices and an invoice for the member who pays by transfer.
    expect(numpages).toBe(5);
    expect(text).toContain('Beitragsrechnung (Mitgliedsnummer M-00004)');
    expect(text).toContain('Verwendungszweck: Mitgliedsbeitrag M-00004');
    expect(text).toContain('Sportfreunde Süd e.V.');
    expect(text).toMatch(/Gläubiger-Identifikationsnummer:\s+DE98ZZZ09999999999/);
    expect(text).toContain(
      `${collection.slice(8, 10)}.${collection.slice(5, 7)}.${collection.slice(0, 4)}`,
    );
    expect(text).toContain('100,00 €'); // the club's four quarters
  });

  let unmatched: { id: string; amountCents: number; remittance: string | null }[];

  it('imports a camt.053 statement: the batch settles, a return reopens and charges, a transfer matches, the rest waits', async () => {
    const booked = todayIso(); // the bank's statement of the collection, as it arrives
    const list = await receivables();
    const submitted = list.filter((r) => r.status === 'submitted');
    const returned = submitted.find((r) => r.memberId === members.juergen.id)!;
    const payerFee = list.find((r) => r.memberId === members.payer.id)!;
    const batch: CamtTx[] = submitted.map((r, i) => ({
      amountCents: r.amountCents,
      endToEndId: r.endToEndId,
      mandateRef: `MREF${i}`,
      name: r.memberNo,
      iban: DEBTOR_IBANS[0],
    }));
    const entries = [
      {
        amountCents: feeRun.debitTotalCents,
        bookedOn: booked,
        bankRef: 'BATCH1',
        transactions: batch,
      },
      {
        amountCents: -(returned.amountCents + 350),
        bookedOn: booked,
        transactions: [
          {
            amountCents: -(returned.amountCents + 350),
            endToEndId: returned.endToEndId,
            returnReason: 'AM04',
            chargesCents: 350,
            name: 'Groß',
          },
        ],
      },
      {
        amountCents: payerFee.amountCents,
        bookedOn: booked,
        transactions: [
          {
            amountCents: payerFee.amountCents,
            name: 'Uwe Überweiser',
            iban: 'DE75512108001245126199',
            remittance: `Mitgliedsbeitrag ${members.payer.memberNo}`,
          },
        ],
      },
      {
        amountCents: 9210,
        bookedOn: booked,
        transactions: [
          {
            amountCents: 9210,
            name: 'Friends of Südstadt Inc.',
            remittance: 'Donation',
            original: { amountCents: 10000, currency: 'USD' },
          },
        ],
      },
      {
        amountCents: 4200,
        bookedOn: booked,
        transactions: [{ amountCents: 4200, name: 'Unbekannt', remittance: 'Spende Sommerfest' }],
      },
      { amountCents: -450, bookedOn: booked, transactions: [] },
    ];
    const statement = {
      version: 'camt.053.001.08' as const,
      iban: ORG_IBAN,
      statementRef: `${year}-001`,
      seq: 1,
      from: booked,
      to: booked,
      openingCents: 0,
      entries,
    };
    const xml = writeCamt053(statement);
    expect(await xsdErrors('camt.053.001.08', xml)).toEqual([]);

    const res = await upload(xml).expect(201);
    const [s] = res.body;
    expect(s).toMatchObject({
      entryCount: 6,
      transactionCount: batch.length + 5,
      unmatchedCount: 3,
      matchedCount: batch.length + 2,
    });
    // The books follow the statement except for what waits for a person.
    expect(s.differenceCents).toBe(9210 + 4200 - 450);
    expect(s.closingBalanceCents - s.booksBalanceCents).toBe(s.differenceCents);

    const after = await receivables();
    const statusOf = (id: string) => after.find((r) => r.id === id)!.status;
    expect(statusOf(returned.id)).toBe('returned');
    expect(statusOf(payerFee.id)).toBe('settled');
    expect(
      submitted.filter((r) => r.id !== returned.id).every((r) => statusOf(r.id) === 'settled'),
    ).toBe(true);
    const charge = after.find((r) => r.kind === 'return_fee')!;
    expect(charge).toMatchObject({
      memberId: members.juergen.id,
      amountCents: 350,
      status: 'open',
    });
    const [{ bankCharges }] = await api.sql.query(
      `SELECT sum(amount_cents)::int AS "bankCharges" FROM journal_lines WHERE account_number = 68550`,
    );
    expect(bankCharges).toBe(350);

    unmatched = (
      await api.http().get(`${base}/bank-transactions?status=unmatched`).set(treasurer).expect(200)
    ).body.items;
    expect(unmatched.map((t) => t.amountCents).sort((a, b) => a - b)).toEqual([-450, 4200, 9210]);
    const foreign = unmatched.find((t) => t.amountCents === 9210)!;
    // Bank lines are found by the payer's name however the umlaut is written.
    for (const term of ['Ueberweiser', 'überweiser'])
      expect(
        (
          await api
            .http()
            .get(`${base}/bank-transactions`)
            .query({ search: term })
            .set(treasurer)
            .expect(200)
        ).body.items.map((t: { counterpartyName: string }) => t.counterpartyName),
      ).toEqual(['Uwe Überweiser']);
    expect(foreign).toMatchObject({ originalAmountCents: 10000, originalCurrency: 'USD' });

    // Twice: recognised, nothing duplicated — also with another file name and for another version of the same statement.
    const before = [await count('bank_transactions'), await count('journal_entries')];
    const twice = await upload(xml).expect(409);
    expect(twice.body.code).toBe('STATEMENT_ALREADY_IMPORTED');
    await upload(writeCamt053({ ...statement, version: 'camt.053.001.02' })).expect(409);
    expect([await count('bank_transactions'), await count('journal_entries')]).toEqual(before);
  });

  it('refuses a statement for another account, malformed XML and other messages, writing nothing', async () => {
    const before = await count('bank_statements');
    const other = await upload(
      writeCamt053({
        version: 'camt.053.001.04',
        iban: 'DE02120300000000202051',
        statementRef: 'X-1',
        from: todayIso(),
        to: todayIso(),
        openingCents: 0,
        entries: [],
      }),
    ).expect(422);
    expect(other.body).toMatchObject({ code: 'STATEMENT_ACCOUNT_UNKNOWN' });
    const broken = await upload(
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">\n<BkToCstmrStmt>\n</Document>',
    ).expect(400);
    expect(broken.body.errors[0].message).toMatch(/line \d+/);
    const pain = await upload(
      '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"><CstmrDrctDbtInitn/></Document>',
    ).expect(422);
    expect(pain.body.code).toBe('STATEMENT_VERSION_UNSUPPORTED');
    await upload('<x/>', board).expect(403);
    expect(await count('bank_statements')).toBe(before);
  });

  it('lets the treasurer resolve the unmatched: a donation after confirmation, an account booking; then books equal the statement', async () => {
    const donation = unmatched.find((t) => t.amountCents === 9210)!;
    const detail = await api
      .http()
      .get(`${base}/bank-transactions/${donation.id}`)
      .set(treasurer)
      .expect(200);
    expect(detail.body.suggestions).toEqual([]);
    const donor = await api
      .http()
      .post(`${base}/donors`)
      .set(treasurer)
      .send({
        kind: 'organisation',
        organisationName: 'Friends of Südstadt Inc.',
        street: '1 Main St',
        postalCode: '10001',
        city: 'New York',
        country: 'US',
      })
      .expect(201);
    for (const term of ['suedstadt', 'SÜDSTADT'])
      expect(
        (await api.http().get(`${base}/donors`).query({ q: term }).set(treasurer).expect(200)).body
          .items,
      ).toEqual([expect.objectContaining({ id: donor.body.id })]);
    await api
      .http()
      .post(`${base}/bank-transactions/${donation.id}/match`)
      .set(treasurer)
      .send({ kind: 'donation', donorId: donor.body.id })
      .expect(201);
    const donations = await api.http().get(`${base}/donations`).set(treasurer).expect(200);
    expect(donations.body.items).toEqual([
      expect.objectContaining({ amountCents: 9210, channel: 'transfer', donorId: donor.body.id }),
    ]);

    const fee = unmatched.find((t) => t.amountCents === -450)!;
    const wrong = await api
      .http()
      .post(`${base}/bank-transactions/${fee.id}/match`)
      .set(treasurer)
      .send({ kind: 'receivables', receivableIds: [] })
      .expect(400);
    expect(wrong.body.errors[0].field).toBe('receivableIds');
    await api
      .http()
      .post(`${base}/bank-transactions/${fee.id}/match`)
      .set(treasurer)
      .send({ kind: 'account', account: 68550, note: 'Kontoführung' })
      .expect(201);
    const sommerfest = unmatched.find((t) => t.amountCents === 4200)!;
    await api
      .http()
      .post(`${base}/bank-transactions/${sommerfest.id}/match`)
      .set(treasurer)
      .send({ kind: 'account', account: 40500 })
      .expect(201);
    const again = await api
      .http()
      .post(`${base}/bank-transactions/${sommerfest.id}/match`)
      .set(treasurer)
      .send({ kind: 'account', account: 40500 })
      .expect(409);
    expect(again.body.code).toBe('TRANSACTION_NOT_UNMATCHED');

    const statements = await api.http().get(`${base}/bank-statements`).set(board).expect(200);
    const s = await api
      .http()
      .get(`${base}/bank-statements/${statements.body.items[0].id}`)
      .set(board)
      .expect(200);
    expect(s.body).toMatchObject({ unmatchedCount: 0, differenceCents: 0 });
    expect(s.body.entries.map((e: { transactionCount: number }) => e.transactionCount)).toEqual([
      feeRun.debitCount,
      1,
      1,
      1,
      1,
      1,
    ]);
    const inside = await api
      .http()
      .get(`${base}/bank-transactions?statementId=${s.body.id}&pageSize=200`)
      .set(board)
      .expect(200);
    expect(inside.body.total).toBe(feeRun.debitCount + 5);
  });

  it('issues a receipt for the fees a member paid where the tier allows it, rendered by the worker', async () => {
    const year = todayIso().slice(0, 4);
    // Were the organisation a sport club (§ 10b Abs. 1 Satz 8 EStG), the tier's flag would not matter.
    const orgId = base.split('/').pop()!;
    await api.sql.query(`UPDATE organisations SET purposes = $2 WHERE id = $1`, [
      orgId,
      ['des bürgerschaftlichen Engagements', 'Förderung des Sports (§ 52 Abs. 2 Nr. 21 AO)'],
    ]);
    const sport = await api
      .http()
      .post(`${base}/members/${members.erika.id}/fee-receipts`)
      .set(treasurer)
      .send({ year: Number(year) })
      .expect(422);
    expect(sport.body.code).toBe('FEES_NOT_DEDUCTIBLE');
    await api.sql.query(`UPDATE organisations SET purposes = $2 WHERE id = $1`, [
      orgId,
      ['des bürgerschaftlichen Engagements'],
    ]);
    const issued = await api
      .http()
      .post(`${base}/members/${members.erika.id}/fee-receipts`)
      .set(treasurer)
      .send({ year: Number(year) })
      .expect(201);
    expect(issued.body).toMatchObject({
      kind: 'money',
      totalCents: 6000,
      number: `${year}-000001`,
    });
    const pdf = await waitFor(async () => {
      const res = await api
        .http()
        .get(`${base}/receipts/${issued.body.id}/pdf`)
        .set(treasurer)
        .buffer(true)
        .parse(binary);
      return res.status === 200 ? (res.body as Buffer) : undefined;
    });
    const { text } = await pdfParse(pdf);
    expect(text).toContain('Bestätigung über Geldzuwendungen/Mitgliedsbeitrag');
    expect(text).toContain('Erika Mustermann');
    expect(text).toContain('sechzig Euro');
    // The BMF sentence "nicht um Mitgliedsbeiträge …, deren Abzug … ausgeschlossen ist" is for
    // bodies whose fees are not deductible (§ 10b Abs. 1 Satz 8 EStG); those get no fee receipt.
    expect(text).not.toMatch(/nicht um Mitgliedsbeiträge handelt/);

    const again = await api
      .http()
      .post(`${base}/members/${members.erika.id}/fee-receipts`)
      .set(treasurer)
      .send({ year: Number(year) })
      .expect(422);
    expect(again.body.code).toBe('NOTHING_TO_RECEIPT');
    const club = await api
      .http()
      .post(`${base}/members/${members.club.id}/fee-receipts`)
      .set(treasurer)
      .send({ year: Number(year) })
      .expect(422);
    expect(club.body.code).toBe('FEES_NOT_DEDUCTIBLE');
    // Voiding and reissuing keeps to the same fee.
    const voided = await api
      .http()
      .post(`${base}/receipts/${issued.body.id}/void`)
      .set(treasurer)
      .send({ reason: 'Anschrift falsch', reissue: true })
      .expect(201);
    expect(voided.body.replacement).toMatchObject({
      totalCents: 6000,
      replacesReceiptId: issued.body.id,
    });
  });

  it('duns overdue members level by level, books the fee, has the letters rendered, and lists those past the last level', async () => {
    await api
      .http()
      .put(`${base}/dunning-levels`)
      .set(treasurer)
      .send({
        levels: [
          { level: 1, daysOverdue: 0, feeCents: 0, title: 'Zahlungserinnerung' },
          { level: 2, daysOverdue: 14, feeCents: 500, title: '2. Mahnung' },
        ],
      })
      .expect(200);
    const reversed = await api
      .http()
      .put(`${base}/dunning-levels`)
      .set(treasurer)
      .send({
        levels: [
          { level: 1, daysOverdue: 10, feeCents: 0, title: 'a' },
          { level: 2, daysOverdue: 5, feeCents: 0, title: 'b' },
        ],
      })
      .expect(422);
    expect(reversed.body.code).toBe('DUNNING_DAYS_NOT_INCREASING');
    // Time passes: the returned fee and its charge are three weeks overdue.
    await api.superSql.query(
      `UPDATE receivables SET due_on = $1::date - 21 WHERE status IN ('open', 'returned')`,
      [todayIso()],
    );

    const first = await api.http().post(`${base}/dunning-runs`).set(treasurer).send({}).expect(201);
    expect(first.body.notices).toEqual([
      expect.objectContaining({
        memberNo: members.juergen.memberNo,
        level: 1,
        feeCents: 0,
        openCents: 3000 + 350,
      }),
    ]);
    const sameDay = await api
      .http()
      .post(`${base}/dunning-runs`)
      .set(treasurer)
      .send({})
      .expect(201);
    expect(sameDay.body.notices).toEqual([]);
    expect(
      (await api.http().get(`${base}/dunning/exclusion-candidates`).set(board).expect(200)).body,
    ).toEqual([]);

    // Two more weeks pass without payment.
    await api.superSql.query(
      `UPDATE receivables SET due_on = due_on - 14, last_dunned_on = last_dunned_on - 14 WHERE status IN ('open', 'returned')`,
    );
    const second = await api
      .http()
      .post(`${base}/dunning-runs`)
      .set(treasurer)
      .send({})
      .expect(201);
    expect(second.body.notices).toEqual([
      expect.objectContaining({
        memberNo: members.juergen.memberNo,
        level: 2,
        feeCents: 500,
        openCents: 3000 + 350 + 500,
      }),
    ]);
    const list = await receivables();
    expect(list.find((r) => r.kind === 'dunning_fee')).toMatchObject({
      amountCents: 500,
      dunningLevel: 2,
    });
    const pdf = await waitFor(async () => {
      const res = await api
        .http()
        .get(`${base}/dunning-runs/${second.body.id}/letters.pdf`)
        .set(treasurer)
        .buffer(true)
        .parse(binary);
      return res.status === 200 ? (res.body as Buffer) : undefined;
    });
    const { text } = await pdfParse(pdf);
    expect(text).toContain('2. Mahnung');
    expect(text).toContain('38,50 €');

    const candidates = await api
      .http()
      .get(`${base}/dunning/exclusion-candidates`)
      .set(board)
      .expect(200);
    expect(candidates.body).toEqual([
      expect.objectContaining({ memberNo: members.juergen.memberNo, openCents: 3850 }),
    ]);
  });

  it('exports everything about a member, restricts a leaver, and logs who read the data', async () => {
    await api.http().get(`${base}/members/${members.juergen.id}`).set(staff).expect(200);
    const exported = await api
      .http()
      .get(`${base}/members/${members.juergen.id}/export`)
      .set(staff)
      .expect(200);
    expect(exported.body.member).toMatchObject({ lastName: 'Groß', memberNo: 'M-00002' });
    expect(exported.body.mandates).toHaveLength(1);
    expect(exported.body.receivables.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'dunning_fee',
      'fee',
      'return_fee',
    ]);
    expect(exported.body.accessLog.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['member.created', 'member.read']),
    );

    await api.http().post(`${base}/members/${members.erika.id}/erasure`).set(staff).expect(409);
    await api
      .http()
      .post(`${base}/members/${members.erika.id}/leave`)
      .set(staff)
      .send({ leftOn: todayIso() })
      .expect(201);
    const erased = await api
      .http()
      .post(`${base}/members/${members.erika.id}/erasure`)
      .set(staff)
      .expect(201);
    expect(erased.body).toMatchObject({ outcome: 'restricted', lastName: 'Mustermann' });
    expect(erased.body.restrictedAt).toBeTruthy();
    const audit = await api.sql.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [members.erika.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'member.created',
      'member.left',
      'member.restricted',
    ]);
  });

  it('imports a member list with a column mapping: line errors first, then all or nothing', async () => {
    const header = 'Nr;Vorname;Nachname;PLZ;Ort;Eintritt;Beitragsstufe;Ermäßigt;IBAN;Mandatsdatum';
    const bad = [
      header,
      'A-1;Anna;Alt;70176;Stuttgart;01.02.2023;IND-Y;nein;DE02120300000000202051;01.02.2025',
      'A-2;Bernd;;70176;Stuttgart;31.02.2023;GOLD;vielleicht;DE00;',
    ].join('\n');
    const mapping = JSON.stringify({ Nr: 'memberNo' });
    const preview = await api
      .http()
      .post(`${base}/member-imports`)
      .set(staff)
      .field('mapping', mapping)
      .attach('file', Buffer.from(bad), 'm.csv')
      .expect(201);
    expect(
      preview.body.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`),
    ).toEqual(['3:lastName', '3:joinedOn', '3:tier', '3:reduced', '3:iban', '3:mandateSignedOn']);
    const before = await count('members');
    const refused = await api
      .http()
      .post(`${base}/member-imports/${preview.body.id}/commit`)
      .set(staff)
      .expect(422);
    expect(refused.body.code).toBe('IMPORT_HAS_ERRORS');
    expect(await count('members')).toBe(before);

    const good = [
      header,
      'A-1;Anna;Alt;70176;Stuttgart;01.02.2023;IND-Y;nein;DE02120300000000202051;01.02.2025',
      'A-2;Bernd;Bauer;70176;Stuttgart;2023-03-01;IND-Y;ja;;',
    ].join('\r\n');
    const ok = await api
      .http()
      .post(`${base}/member-imports`)
      .set(staff)
      .field('mapping', mapping)
      .attach('file', Buffer.from(good), 'm.csv')
      .expect(201);
    expect(ok.body).toMatchObject({ rowCount: 2, errors: [] });
    await api.http().post(`${base}/member-imports/${ok.body.id}/commit`).set(staff).expect(201);
    const imported = await api.http().get(`${base}/members?search=A-`).set(staff).expect(200);
    expect(
      imported.body.items.map((m: { memberNo: string; reduced: boolean }) => [
        m.memberNo,
        m.reduced,
      ]),
    ).toEqual([
      ['A-1', false],
      ['A-2', true],
    ]);
    const mandates = await api
      .http()
      .get(`${base}/mandates?memberId=${imported.body.items[0].id}`)
      .set(staff)
      .expect(200);
    expect(mandates.body.items[0]).toMatchObject({ reference: 'A-1-20250201', status: 'active' });
    await api.http().post(`${base}/member-imports/${ok.body.id}/commit`).set(staff).expect(409);
  });

  it('never rewrites raised fees: a rate change for a raised period is refused, a later one applies', async () => {
    const refused = await api
      .http()
      .post(`${base}/tiers/${tierYear}/rates`)
      .set(staff)
      .send({ validFrom: `${year}-01-01`, amountCents: 7200 })
      .expect(409);
    expect(refused.body.code).toBe('RATE_WOULD_REWRITE_FEES');
    const next = `${Number(year) + 1}-01-01`;
    const changed = await api
      .http()
      .post(`${base}/tiers/${tierYear}/rates`)
      .set(staff)
      .send({ validFrom: next, amountCents: 7200 })
      .expect(201);
    expect(
      changed.body.rates.map((r: { validFrom: string; amountCents: number }) => [
        r.validFrom,
        r.amountCents,
      ]),
    ).toEqual([
      ['2020-01-01', 6000],
      [next, 7200],
    ]);
  });
});
