import { ChildProcess } from 'node:child_process';
import { readCsv, todayIso } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { binary } from '../support/binary';
import { login, startApi, TestApi, waitFor } from '../support/api';
import { readable, repeatedWords } from '../support/receipt-text';
import { spawnWorker, stopProcess } from '../support/worker';

// pdf-parse's index runs a self-test when required without a parent module; use the library file.
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (
  data: Buffer,
) => Promise<{ text: string; numpages: number }>;

describe('donation receipts, rendered by the worker', () => {
  let api: TestApi;
  let worker: { child: ChildProcess; output: () => string };
  let orgId: string;
  let base: string;
  let treasurer: { Authorization: string };

  async function setUpOrganisation(
    notice: Record<string, unknown>,
    purposes = ['des bürgerschaftlichen Engagements'],
  ): Promise<string> {
    const id = (
      await createOrganisation(api.sql, {
        name: `Zuwendungsverein ${Math.random().toString(36).slice(2)} e.V.`,
      })
    ).id;
    await api.sql.query(
      `UPDATE organisations SET purposes = $2, is_receipt_machine_signed = true WHERE id = $1`,
      [id, purposes],
    );
    await api.sql.query(
      `INSERT INTO exemption_notices (organisation_id, kind, issued_on, tax_office, tax_number, period_from, period_to)
       VALUES ($1, $2, $3, 'Finanzamt Stuttgart-Körperschaften', '99015/12345', $4, $5)`,
      [id, notice.kind, notice.issuedOn, notice.periodFrom ?? null, notice.periodTo ?? null],
    );
    return id;
  }

  beforeAll(async () => {
    api = await startApi();
    orgId = await setUpOrganisation({
      kind: 'freistellungsbescheid',
      issuedOn: '2025-06-16',
      periodFrom: '2021-01-01',
      periodTo: '2023-12-31',
    });
    base = `/api/v1/organisations/${orgId}`;
    const user = await createUser(api.sql, { roles: { [orgId]: ['treasurer'] } });
    treasurer = await login(api, user.email, user.password);
    await api.http().post(`${base}/ledger/chart`).set(treasurer).send({}).expect(201);
    await api
      .http()
      .post(`${base}/ledger/fiscal-years`)
      .set(treasurer)
      .send({ startsOn: '2026-01-01' })
      .expect(201);
    worker = spawnWorker();
  });
  afterAll(async () => {
    await stopProcess(worker.child);
    await api.close();
  });

  const newDonor = async (over: Record<string, unknown> = {}) =>
    (
      await api
        .http()
        .post(`${base}/donors`)
        .set(treasurer)
        .send({
          kind: 'person',
          firstName: 'Jürgen',
          lastName: 'Groß',
          street: 'Königstraße 1',
          postalCode: '70173',
          city: 'Stuttgart',
          ...over,
        })
        .expect(201)
    ).body as { id: string };
  const donate = async (
    donorId: string,
    amountCents: number,
    receivedOn = '2026-03-02',
    over: Record<string, unknown> = {},
  ) =>
    (
      await api
        .http()
        .post(`${base}/donations`)
        .set(treasurer)
        .send({
          donorId,
          kind: 'money',
          channel: 'transfer',
          receivedOn,
          amountCents,
          earmark: 'general',
          ...over,
        })
        .expect(201)
    ).body as { id: string };
  const rendered = (id: string) =>
    waitFor(async () => {
      const res = await api.http().get(`${base}/receipts/${id}`).set(treasurer);
      return res.body.renderedAt ? res.body : undefined;
    });
  const pdfOf = async (id: string, duplicate = false) => {
    const res = await api
      .http()
      .get(`${base}/receipts/${id}/pdf${duplicate ? '?duplicate=true' : ''}`)
      .set(treasurer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    return pdfParse(res.body as Buffer);
  };
  const flat = readable;

  /** Another organisation with its books open, a treasurer, a donor and one money donation. */
  const donationElsewhere = async (
    notice: Record<string, unknown>,
    donation: { receivedOn: string; amountCents: number },
    purposes?: string[],
  ) => {
    const id = await setUpOrganisation(notice, purposes);
    const otherBase = `/api/v1/organisations/${id}`;
    const user = await createUser(api.sql, { roles: { [id]: ['treasurer'] } });
    const auth = await login(api, user.email, user.password);
    await api.http().post(`${otherBase}/ledger/chart`).set(auth).send({}).expect(201);
    await api
      .http()
      .post(`${otherBase}/ledger/fiscal-years`)
      .set(auth)
      .send({ startsOn: '2026-01-01' })
      .expect(201);
    const donor = (
      await api
        .http()
        .post(`${otherBase}/donors`)
        .set(auth)
        .send({
          kind: 'person',
          lastName: 'Alt',
          street: 'Weg 1',
          postalCode: '70173',
          city: 'Stuttgart',
        })
        .expect(201)
    ).body;
    const { body } = await api
      .http()
      .post(`${otherBase}/donations`)
      .set(auth)
      .send({ donorId: donor.id, kind: 'money', channel: 'cash', earmark: 'general', ...donation })
      .expect(201);
    return { id, base: otherBase, auth, donationId: body.id as string };
  };

  it('issues a single money receipt with every required item, on one A4 page', async () => {
    const donor = await newDonor();
    const donation = await donate(donor.id, 12000);
    const issued = await api
      .http()
      .post(`${base}/receipts`)
      .set(treasurer)
      .send({ donationIds: [donation.id] })
      .expect(201);
    expect(issued.body.number).toMatch(/^\d{4}-\d{6}$/);
    const receipt = await rendered(issued.body.id);
    expect(receipt.documentSha256).toMatch(/^[0-9a-f]{64}$/);

    const pdf = await pdfOf(receipt.id);
    expect(pdf.numpages).toBe(1);
    const text = flat(pdf.text);
    for (const expected of [
      'Bestätigung über Geldzuwendungen/Mitgliedsbeitrag',
      'Zuwendungsverein',
      'Jürgen Groß, Königstraße 1, 70173 Stuttgart',
      '120,00 €',
      'einhundertzwanzig Euro',
      '02.03.2026',
      'Verzicht auf Erstattung von Aufwendungen: Ja ☐ Nein ☒',
      'wegen Förderung des bürgerschaftlichen Engagements nach dem Freistellungsbescheid',
      'des Finanzamtes Stuttgart-Körperschaften, StNr. 99015/12345, vom 16.06.2025',
      '01.01.2021 bis 31.12.2023',
      'nur zur Förderung des bürgerschaftlichen Engagements verwendet wird',
      'maschinell erstellt und ist ohne Unterschrift gültig',
      'haftet für die entgangene Steuer',
      receipt.number,
    ]) {
      expect(text).toContain(expected);
    }
    expect(repeatedWords(text)).toEqual([]);
    // Not a sport club: no § 10b Abs. 1 Satz 8 EStG sentence.
    expect(text).not.toContain('nicht um Mitgliedsbeiträge handelt');
    expect(flat((await pdfOf(receipt.id, true)).text)).toContain('Zweitschrift');
    expect(text).not.toContain('Zweitschrift');

    const again = await api
      .http()
      .post(`${base}/receipts`)
      .set(treasurer)
      .send({ donationIds: [donation.id] })
      .expect(409);
    expect(again.body.code).toBe('RECEIPT_EXISTS');

    const noMail = await api
      .http()
      .post(`${base}/receipts/${receipt.id}/send`)
      .set(treasurer)
      .send({ email: 'x@mail.example' })
      .expect(422);
    expect(noMail.body.code).toBe('SMTP_NOT_CONFIGURED');
  });

  it('issues a Sammelbestätigung whose annex lists each donation and sums to the total; tricky amounts in words', async () => {
    const donor = await newDonor({ lastName: 'Sammler' });
    const ids = [
      (await donate(donor.id, 1, '2026-01-05')).id,
      (await donate(donor.id, 100000000, '2026-02-10')).id,
      (await donate(donor.id, 10110, '2026-03-15')).id,
    ];
    const issued = await api
      .http()
      .post(`${base}/receipts`)
      .set(treasurer)
      .send({ donationIds: ids })
      .expect(201);
    expect(issued.body).toMatchObject({ kind: 'collective', totalCents: 100010111 });
    const text = flat((await pdfOf((await rendered(issued.body.id)).id)).text);
    expect(text).toContain('Sammelbestätigung über Geldzuwendungen/Mitgliedsbeiträge');
    expect(text).toContain('05.01.2026 bis 15.03.2026');
    expect(text).toContain('eine Million einhundertein Euro und elf Cent');
    expect(text).toContain('Anlage zur Sammelbestätigung');
    const annex = text.slice(text.indexOf('Anlage zur Sammelbestätigung'));
    const amounts = [...annex.matchAll(/(\d{1,3}(?:\.\d{3})*,\d{2}) €/g)].map((m) =>
      Number(m[1].replace(/\./g, '').replace(',', '')),
    );
    expect(amounts.slice(0, -1).sort((a, b) => a - b)).toEqual([1, 10110, 100000000]);
    expect(amounts.at(-1)).toBe(amounts.slice(0, -1).reduce((a, b) => a + b, 0));

    const single = await api
      .http()
      .post(`${base}/receipts`)
      .set(treasurer)
      .send({ donationIds: [ids[0]] });
    expect(single.body.code).toBe('RECEIPT_EXISTS');
  });

  it('voids a receipt, keeps it, and issues a replacement that refers to it', async () => {
    const donor = await newDonor({ lastName: 'Ersatz' });
    const donation = await donate(donor.id, 5000);
    const { body: first } = await api
      .http()
      .post(`${base}/receipts`)
      .set(treasurer)
      .send({ donationIds: [donation.id] })
      .expect(201);
    const voided = await api
      .http()
      .post(`${base}/receipts/${first.id}/void`)
      .set(treasurer)
      .send({ reason: 'Anschrift falsch', reissue: true })
      .expect(201);
    expect(voided.body.voided).toMatchObject({ id: first.id, voidReason: 'Anschrift falsch' });
    expect(voided.body.replacement).toMatchObject({ replacesReceiptId: first.id });
    const text = flat((await pdfOf((await rendered(voided.body.replacement.id)).id)).text);
    expect(text).toContain(`ersetzt Nr. ${first.number}`);

    // The voided one: its download is marked, first printed on the fly, then the stored copy.
    const today = todayIso().split('-').reverse().join('.');
    const marking = `UNGÜLTIG / storniert am ${today} (Grund: Anschrift falsch)`;
    expect(flat((await pdfOf(first.id)).text)).toContain(marking);
    const stored = await waitFor(async () => {
      const [row] = await api.sql.query(
        `SELECT void_document_path AS path, encode(void_document_sha256, 'hex') AS marked,
                encode(document_sha256, 'hex') AS original FROM receipts WHERE id = $1`,
        [first.id],
      );
      return row.path && row.original ? row : undefined;
    });
    expect(stored.path).toMatch(/-storniert\.pdf$/);
    const download = flat((await pdfOf(first.id)).text);
    expect(download).toContain(marking);
    expect(download).toContain(`ersetzt durch Nr. ${voided.body.replacement.number}`);
    expect(download).not.toContain('Zweitschrift');
    // The original stays stored as issued, next to the marked copy; only the marked one is handed out.
    expect(stored.marked).not.toBe(stored.original);
    await expect(
      api.sql.query(`UPDATE receipts SET void_document_path = 'x' WHERE id = $1`, [first.id]),
    ).rejects.toThrow(/does not change/);
    const noDuplicate = await api
      .http()
      .get(`${base}/receipts/${first.id}/pdf?duplicate=true`)
      .set(treasurer)
      .expect(409);
    expect(noDuplicate.body.code).toBe('RECEIPT_VOID_NO_DUPLICATE');
    await api
      .http()
      .post(`${base}/receipts/${first.id}/void`)
      .set(treasurer)
      .send({ reason: 'noch einmal' })
      .expect(409);
    await expect(
      api.sql.query(`UPDATE receipts SET total_cents = 1 WHERE id = $1`, [first.id]),
    ).rejects.toThrow(/does not change/);
  });

  it('keeps a register and reconciles receipts against the bookings', async () => {
    // A name that a spreadsheet would run as a formula: the register must neutralise it.
    const donor = await newDonor({
      firstName: '=HYPERLINK("https://evil.example","Jürgen")',
      lastName: 'Register',
    });
    const receipted = await donate(donor.id, 3000, '2026-04-01');
    const open = await donate(donor.id, 4000, '2026-04-02');
    const { body: receipt } = await api
      .http()
      .post(`${base}/receipts`)
      .set(treasurer)
      .send({ donationIds: [receipted.id] })
      .expect(201);
    await api
      .http()
      .post(`${base}/donations/${receipted.id}/corrections`)
      .set(treasurer)
      .send({ reason: 'Doppelt gebucht' })
      .expect(201);

    const check = await api
      .http()
      .get(`${base}/receipts/reconciliation?year=2026`)
      .set(treasurer)
      .expect(200);
    expect(check.body.withoutReceipt.map((d: { donationId: string }) => d.donationId)).toContain(
      open.id,
    );
    expect(check.body.mismatched).toContainEqual({
      receiptId: receipt.id,
      number: receipt.number,
      receiptedCents: 3000,
      bookedCents: 0,
    });

    const csv = await api
      .http()
      .get(`${base}/receipts/register.csv?year=2026`)
      .set(treasurer)
      .expect(200);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0].replace(/^\uFEFF/, '')).toBe(
      'nummer;datum;zuwendender;betrag_eur;art;status;ersetzt',
    );
    const row = readCsv(Buffer.from(csv.text)).rows.find((r) => r.cells[0] === receipt.number);
    expect(row?.cells.slice(2)).toEqual([
      `'=HYPERLINK("https://evil.example","Jürgen") Register`,
      '30,00',
      'money',
      'gültig',
      '',
    ]);
  });

  it('numbers 20 receipts issued at once without gap or duplicate', async () => {
    const donor = await newDonor({ lastName: 'Parallel' });
    const donations = [];
    for (let i = 0; i < 20; i++) donations.push(await donate(donor.id, 1000 + i));
    const [{ last }] = await api.sql.query(
      `SELECT COALESCE(max(seq), 0)::int AS last FROM receipts WHERE organisation_id = $1`,
      [orgId],
    );
    const results = await Promise.all(
      donations.map((d) =>
        api
          .http()
          .post(`${base}/receipts`)
          .set(treasurer)
          .send({ donationIds: [d.id] }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const seqs = results.map((r) => Number(r.body.number.slice(5))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => last + 1 + i));
  });

  it('refuses when the exemption notice is too old or the donor address is incomplete', async () => {
    const old = await donationElsewhere(
      { kind: 'feststellung_60a', issuedOn: '2022-01-10' },
      {
        receivedOn: '2026-02-01',
        amountCents: 500,
      },
    );
    const expired = await api
      .http()
      .post(`${old.base}/receipts`)
      .set(old.auth)
      .send({ donationIds: [old.donationId] })
      .expect(422);
    expect(expired.body.code).toBe('EXEMPTION_NOTICE_EXPIRED');

    const noAddress = await newDonor({ lastName: 'Ohne', street: undefined });
    const d2 = await donate(noAddress.id, 700);
    const incomplete = await api
      .http()
      .post(`${base}/receipts`)
      .set(treasurer)
      .send({ donationIds: [d2.id] })
      .expect(422);
    expect(incomplete.body.code).toBe('DONOR_ADDRESS_INCOMPLETE');
    expect(
      Number(
        (
          await api.sql.query(`SELECT count(*) AS n FROM receipts WHERE organisation_id = $1`, [
            old.id,
          ])
        )[0].n,
      ),
    ).toBe(0);
  });

  it('a sport club’s receipt reads its purposes once and says the donation is no membership fee (§ 10b Abs. 1 Satz 8 EStG)', async () => {
    const club = await donationElsewhere(
      { kind: 'feststellung_60a', issuedOn: '2025-09-02' },
      { receivedOn: '2026-04-01', amountCents: 10100 },
      ['Förderung des Sports (§ 52 Abs. 2 Nr. 21 AO)'],
    );
    const issued = await api
      .http()
      .post(`${club.base}/receipts`)
      .set(club.auth)
      .send({ donationIds: [club.donationId] })
      .expect(201);
    const res = await waitFor(async () => {
      const r = await api
        .http()
        .get(`${club.base}/receipts/${issued.body.id}/pdf`)
        .set(club.auth)
        .buffer(true)
        .parse(binary);
      return r.status === 200 ? (r.body as Buffer) : undefined;
    });
    const text = flat((await pdfParse(res)).text);
    expect(repeatedWords(text)).toEqual([]);
    expect(text).toContain(
      'vom Finanzamt Stuttgart-Körperschaften, StNr. 99015/12345 mit Bescheid',
    );
    expect(text).toContain('Satzung folgende steuerbegünstigte Zwecke: Förderung des Sports');
    expect(text).toContain('nur zur Förderung des Sports (§ 52 Abs. 2 Nr. 21 AO) verwendet wird');
    expect(text).toContain(
      'Es wird bestätigt, dass es sich nicht um Mitgliedsbeiträge handelt, deren Abzug nach § 10b Abs. 1 des Einkommensteuergesetzes ausgeschlossen ist.',
    );
    expect(text).toContain('einhundertein Euro');
  });
});
