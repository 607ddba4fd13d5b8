import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi, waitFor } from '../support/api';
import { startSmtpServer } from '../support/smtp';

describe('password links by e-mail (local SMTP server)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let api: TestApi;
  let orgId: string;
  let admin: { Authorization: string };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startApi({
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Dachwerk <noreply@verein.example>',
      PUBLIC_URL: 'https://dachwerk.verein.example',
    });
    orgId = (await createOrganisation(api.sql)).id;
    const a = await createUser(api.sql, { roles: { [orgId]: ['admin'] } });
    admin = await login(api, a.email, a.password);
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
  });

  /** The token from the link in the newest mail to `to`. */
  const tokenMailedTo = async (to: string): Promise<string> => {
    const mail = await waitFor(async () =>
      [...smtp.received].reverse().find((m) => m.to.includes(to)),
    );
    const unfolded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    return /set-password#token=([A-Za-z0-9_-]{43})/.exec(unfolded)![1];
  };

  it('mails a reset that an organisation admin triggers to the holder, never to the admin', async () => {
    const holder = await createUser(api.sql, { roles: { [orgId]: ['staff'] } });
    const res = await api
      .http()
      .post(`/api/v1/users/${holder.id}/password-reset`)
      .set(admin)
      .expect(202);
    expect(res.body).toEqual({ delivery: 'email', expiresAt: expect.any(String) });
    const token = await tokenMailedTo(holder.email);
    await api
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ token, password: 'Kraniche ziehen im Oktober' })
      .expect(204);
    await login(api, holder.email, 'Kraniche ziehen im Oktober');
  });

  it('mails the welcome link of a new account', async () => {
    const res = await api
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({
        email: 'neu@test.example',
        name: 'Nora Neu',
        organisations: [{ organisationId: orgId, roles: ['staff'] }],
      })
      .expect(201);
    expect(res.body.passwordLink).toEqual({ delivery: 'email', expiresAt: expect.any(String) });
    const token = await tokenMailedTo('neu@test.example');
    await api
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ token, password: 'Kraniche ziehen im Oktober' })
      .expect(204);
    await login(api, 'neu@test.example', 'Kraniche ziehen im Oktober');
  });

  it('answers a forgotten-password request the same for any e-mail, and mails only real accounts', async () => {
    const holder = await createUser(api.sql);
    const before = smtp.received.length;
    await api
      .http()
      .post('/api/v1/auth/password-reset/request')
      .send({ email: 'niemand@test.example' })
      .expect(202);
    await api
      .http()
      .post('/api/v1/auth/password-reset/request')
      .send({ email: holder.email.toUpperCase() })
      .expect(202);
    const token = await tokenMailedTo(holder.email);
    expect(smtp.received.slice(before).flatMap((m) => m.to)).toEqual([holder.email]);
    await api
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ token, password: 'Kraniche ziehen im Oktober' })
      .expect(204);
  });
});
