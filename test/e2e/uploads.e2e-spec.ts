import { writeCamt053 } from '@dachwerk/banking';
import { UPLOAD_KINDS } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

describe('uploads', () => {
  let api: TestApi;
  let base: string;
  let treasurer: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    const orgId = (await createOrganisation(api.sql)).id;
    base = `/api/v1/organisations/${orgId}`;
    const t = await createUser(api.sql, { roles: { [orgId]: ['treasurer'] } });
    treasurer = await login(api, t.email, t.password);
  });
  afterAll(() => api.close());

  /** Uploads `file` and, until the answer comes, asks /health every 50 ms: its latencies. */
  async function uploadWhilePolling(url: string, file: Buffer, name: string) {
    let uploading = true;
    const upload = api
      .http()
      .post(url)
      .set(treasurer)
      .attach('file', file, name)
      .then((res) => {
        uploading = false;
        return res;
      });
    const latencies: number[] = [];
    while (uploading) {
      const started = Date.now();
      await api.http().get('/api/v1/health').expect(200);
      latencies.push(Date.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { res: await upload, latencies };
  }

  it('answers 413 problem+json past the limit of the upload kind, naming kind and limit', async () => {
    const { maxBytes } = UPLOAD_KINDS.openingBalances;
    const year = await api
      .http()
      .post(`${base}/ledger/fiscal-years`)
      .set(treasurer)
      .send({ startsOn: '2025-01-01' })
      .expect(201);
    const url = `${base}/ledger/fiscal-years/${year.body.id}/opening-balances.csv`;
    const tooLarge = Buffer.alloc(maxBytes + 1, 'x');
    const res = await api.http().post(url).set(treasurer).attach('file', tooLarge, 'eb.csv');
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'UPLOAD_TOO_LARGE',
      errors: [{ field: 'file', rule: 'maxSize' }],
      details: { kind: 'openingBalances', maxBytes },
    });
  });

  it('parses a 50 MB camt upload off the event loop: /health keeps answering meanwhile', async () => {
    const remittance = 'Spende Sommerfest Stadtteilzentrum, vielen Dank! '.repeat(4);
    const entries = Array.from({ length: 60_000 }, (_, i) => ({
      amountCents: 1000 + i,
      bookedOn: '2026-03-02',
      bankRef: `REF${i}`,
      transactions: [
        {
          amountCents: 1000 + i,
          endToEndId: `E2E-${i}`,
          name: 'Erika Mustermann',
          iban: 'DE02120300000000202051',
          remittance,
        },
      ],
    }));
    const xml = writeCamt053({
      version: 'camt.053.001.08',
      iban: 'DE89370400440532013000',
      statementRef: 'BIG-1',
      from: '2026-03-02',
      to: '2026-03-02',
      openingCents: 0,
      // One cent off: the whole file is read and checked, then refused without any import.
      closingCents: 1,
      entries,
    });
    const file = Buffer.from(xml);
    expect(file.length).toBeGreaterThan(50_000_000);
    expect(file.length).toBeLessThan(UPLOAD_KINDS.bankStatement.maxBytes);

    const { res, latencies } = await uploadWhilePolling(`${base}/bank-statements`, file, 'big.xml');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('STATEMENT_BALANCE_MISMATCH');
    // Parsing takes seconds; health answered all along (on the event loop it waited ~10 s).
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(2_000);
  }, 240_000);
  it('reads a large donation CSV off the event loop: /health keeps answering, every line is checked', async () => {
    const line = '03.02.2026;12,34;Jürgen;Groß;Königstraße 1;70173;Stuttgart;Überweisung';
    const count = 120_000;
    const lines = ['Datum;Betrag;Vorname;Nachname;Straße;PLZ;Ort;Kanal'];
    for (let i = 0; i < count - 1; i++) lines.push(line);
    lines.push(line.replace('12,34', 'zwölf')); // the last line is wrong: all were read
    const file = Buffer.from(lines.join('\r\n'));
    expect(file.length).toBeGreaterThan(9_000_000);
    expect(file.length).toBeLessThan(UPLOAD_KINDS.donationImport.maxBytes);

    const { res, latencies } = await uploadWhilePolling(
      `${base}/donation-imports`,
      file,
      'spenden.csv',
    );
    expect(res.status).toBe(201);
    expect(res.body.rowCount).toBe(0); // no row is taken while any line is wrong
    expect(res.body.errors).toEqual([
      expect.objectContaining({ line: count + 1, field: 'amount', rule: 'isAmount' }),
    ]);
    expect(latencies.length).toBeGreaterThan(2);
    expect(Math.max(...latencies)).toBeLessThan(2_000);
  }, 240_000);
});
