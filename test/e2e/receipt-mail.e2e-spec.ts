import { ChildProcess } from 'node:child_process';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi, waitFor } from '../support/api';
import { startSmtpServer } from '../support/smtp';
import { spawnWorker, stopProcess } from '../support/worker';

describe('receipts by e-mail (local SMTP server)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let api: TestApi;
  let worker: { child: ChildProcess };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startApi({
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Spenden <spenden@verein.example>',
    });
    worker = spawnWorker();
  });
  afterAll(async () => {
    await stopProcess(worker.child);
    await api.close();
    await smtp.close();
  });

  it('sends the stored PDF to the donor and records the delivery', async () => {
    const orgId = (await createOrganisation(api.sql)).id;
    await api.sql.query(
      `INSERT INTO exemption_notices (organisation_id, kind, issued_on, tax_office) VALUES ($1, 'feststellung_60a', '2025-03-01', 'Finanzamt Ulm')`,
      [orgId],
    );
    const base = `/api/v1/organisations/${orgId}`;
    const user = await createUser(api.sql, { roles: { [orgId]: ['treasurer'] } });
    const auth = await login(api, user.email, user.password);
    await api.http().post(`${base}/ledger/chart`).set(auth).send({}).expect(201);
    await api
      .http()
      .post(`${base}/ledger/fiscal-years`)
      .set(auth)
      .send({ startsOn: '2026-01-01' })
      .expect(201);
    const { body: donor } = await api
      .http()
      .post(`${base}/donors`)
      .set(auth)
      .send({
        kind: 'person',
        lastName: 'Post',
        street: 'Gasse 1',
        postalCode: '89073',
        city: 'Ulm',
        email: 'donor@mail.example',
      })
      .expect(201);
    const { body: donation } = await api
      .http()
      .post(`${base}/donations`)
      .set(auth)
      .send({
        donorId: donor.id,
        kind: 'money',
        channel: 'online',
        receivedOn: '2026-04-01',
        amountCents: 2500,
        earmark: 'general',
      })
      .expect(201);
    const { body: receipt } = await api
      .http()
      .post(`${base}/receipts`)
      .set(auth)
      .send({ donationIds: [donation.id] })
      .expect(201);
    await waitFor(
      async () =>
        (await api.http().get(`${base}/receipts/${receipt.id}`).set(auth)).body.renderedAt,
    );

    const sent = await api
      .http()
      .post(`${base}/receipts/${receipt.id}/send`)
      .set(auth)
      .send({})
      .expect(201);
    expect(sent.body.email).toBe('donor@mail.example');
    const mail = await waitFor(async () =>
      smtp.received.find((m) => m.to.includes('donor@mail.example')),
    );
    expect(mail.from).toBe('spenden@verein.example');
    expect(mail.raw).toContain(`Zuwendungsbestaetigung-${receipt.number}.pdf`);
    expect(mail.raw).toMatch(/Content-Type: application\/pdf/);
    const deliveries = await waitFor(async () => {
      const res = await api.http().get(`${base}/receipts/${receipt.id}/deliveries`).set(auth);
      return res.body[0]?.status === 'sent' && res.body;
    });
    expect(deliveries).toEqual([
      expect.objectContaining({ email: 'donor@mail.example', status: 'sent', error: null }),
    ]);
  });
});
