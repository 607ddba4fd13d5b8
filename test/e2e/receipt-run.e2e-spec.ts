import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DonationsService } from '@dachwerk/donations';
import type { Actor } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { binary } from '../support/binary';
import { login, startApi, TestApi, waitFor } from '../support/api';
import { spawnWorker, stopProcess } from '../support/worker';

describe('annual receipt run survives a killed worker', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('finishes a 300-donor run after SIGKILL: exactly one receipt per donor, gapless, one file each', async () => {
    const orgId = (await createOrganisation(api.sql)).id;
    await api.sql.query(`UPDATE organisations SET purposes = '{"der Kultur"}' WHERE id = $1`, [
      orgId,
    ]);
    await api.sql.query(
      `INSERT INTO exemption_notices (organisation_id, kind, issued_on, tax_office, period_from, period_to)
       VALUES ($1, 'freistellungsbescheid', '2025-06-16', 'Finanzamt Stuttgart', '2021-01-01', '2023-12-31')`,
      [orgId],
    );
    const user = await createUser(api.sql, { roles: { [orgId]: ['treasurer'] } });
    const auth = await login(api, user.email, user.password);
    const base = `/api/v1/organisations/${orgId}`;
    await api.http().post(`${base}/ledger/chart`).set(auth).send({}).expect(201);
    await api
      .http()
      .post(`${base}/ledger/fiscal-years`)
      .set(auth)
      .send({ startsOn: '2025-01-01' })
      .expect(201);
    const donors = await api.sql.query<{ id: string }[]>(
      `INSERT INTO donors (organisation_id, kind, first_name, last_name, street, postal_code, city)
       SELECT $1, 'person', 'Vorname', 'Spender ' || g, 'Straße ' || g, '70173', 'Stuttgart' FROM generate_series(1, 300) g RETURNING id`,
      [orgId],
    );
    const actor: Actor = {
      userId: user.id,
      email: user.email,
      name: 't',
      isPlatformAdmin: false,
      roles: { [orgId]: ['treasurer'] },
      initiativeIds: {},
    };
    const donations = api.app.get(DonationsService);
    for (const [i, d] of donors.entries()) {
      await donations.record(actor, orgId, {
        donorId: d.id,
        kind: 'money',
        channel: 'transfer',
        receivedOn: '2025-05-02',
        amountCents: 1000 + i,
        earmark: 'general',
      });
    }

    let worker = spawnWorker();
    const started = await api
      .http()
      .post(`${base}/receipt-runs`)
      .set(auth)
      .send({ year: 2025, kind: 'collective' })
      .expect(201);
    expect(started.body).toMatchObject({ total: 300, status: 'running' });
    const progress = () => api.http().get(`${base}/receipt-runs/${started.body.id}`).set(auth);
    const atKill = await waitFor(async () => {
      const res = await progress();
      return res.body.done >= 20 && res.body;
    });
    await stopProcess(worker.child, 'SIGKILL');
    expect(atKill.done).toBeLessThan(300); // the kill really happened mid-run

    worker = spawnWorker();
    // Waits, asserts no speed: 280 PDFs on two cores shared with another test file can take minutes.
    try {
      const finished = await waitFor(async () => {
        const res = await progress();
        return res.body.status === 'finished' && res.body;
      }, 240_000);
      expect(finished).toMatchObject({ total: 300, done: 300, failed: 0 });
      await waitFor(async () => {
        const [{ n }] = await api.sql.query(
          `SELECT count(*)::int AS n FROM receipts WHERE organisation_id = $1 AND rendered_at IS NOT NULL`,
          [orgId],
        );
        return n === 300;
      }, 240_000);
    } finally {
      await stopProcess(worker.child);
    }

    const receipts = await api.sql.query<
      { seq: number; donor_id: string; document_path: string }[]
    >(`SELECT seq, donor_id, document_path FROM receipts WHERE organisation_id = $1 ORDER BY seq`, [
      orgId,
    ]);
    expect(receipts.map((r) => r.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(new Set(receipts.map((r) => r.donor_id)).size).toBe(300);
    expect(new Set(receipts.map((r) => r.document_path)).size).toBe(300);
    const dir = path.join(
      process.env.DOCUMENTS_DIR!,
      'receipts',
      orgId,
      String(receipts[0].document_path.split('/')[2]),
    );
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(300);
    expect(files.filter((f) => !f.endsWith('.pdf'))).toEqual([]);
    // A worker killed mid-write leaves a temp file; the rewrite of that receipt removes it.
    const temps = path.join(process.env.DOCUMENTS_DIR!, '.tmp');
    expect(existsSync(temps) ? readdirSync(temps) : []).toEqual([]);

    // the run's PDFs as one ZIP and as one print file
    const zip = await api
      .http()
      .get(`${base}/receipt-runs/${started.body.id}/receipts.zip`)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const zipBody = zip.body as Buffer;
    expect(zipBody.subarray(0, 2).toString()).toBe('PK');
    // one local file header per PDF
    expect(zipBody.toString('latin1').split('PK\x03\x04').length - 1).toBe(300);
    const print = await api
      .http()
      .get(`${base}/receipt-runs/${started.body.id}/print.pdf`)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const { PDFDocument } = await import('pdf-lib');
    expect((await PDFDocument.load(print.body as Buffer)).getPageCount()).toBe(300); // one donation each: one page each
  }, 600_000);
});
