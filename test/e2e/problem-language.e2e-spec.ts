import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

// Staff read problems in German; a client that asks for English (Accept-Language) gets
// English. The code is the same in both.
describe('problem answers in German and English', () => {
  let api: TestApi;
  let base: string;
  let admin: { Authorization: string };
  let board: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    const orgId = (await createOrganisation(api.sql)).id;
    base = `/api/v1/organisations/${orgId}`;
    const a = await createUser(api.sql, { roles: { [orgId]: ['admin', 'treasurer'] } });
    admin = await login(api, a.email, a.password);
    const b = await createUser(api.sql, { roles: { [orgId]: ['board'] } });
    board = await login(api, b.email, b.password);
  });
  afterAll(() => api.close());

  const badAccount = (language?: string) => {
    const req = api.http().post(`${base}/bank-accounts`).set(admin);
    if (language) req.set('Accept-Language', language);
    return req
      .send({ label: 'Giro', iban: 'DE00 1234', bic: 'NOTABIC', colour: 'blue' })
      .expect(400);
  };
  const messages = (body: { errors: { field: string; message: string }[] }) =>
    Object.fromEntries(body.errors.map((e) => [e.field, e.message]));

  it('validation errors: German by default, field by field', async () => {
    const res = await badAccount();
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      title: 'Ungültige Eingabe',
      detail: 'Die Anfrage ist ungültig; die Fehler sind je Feld aufgeführt.',
    });
    expect(messages(res.body)).toEqual({
      iban: 'iban: muss eine gültige IBAN sein (mit Prüfziffern)',
      bic: 'bic: muss eine gültige BIC sein',
      colour: 'colour: ist hier kein zulässiges Feld',
    });
  });

  it('validation errors in English when asked, q-values honoured', async () => {
    const en = await badAccount('en-GB,en;q=0.9');
    expect(en.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      title: 'Invalid input',
      detail: 'The request is invalid',
    });
    expect(messages(en.body).bic).toBe('bic must be a valid BIC');
    expect((await badAccount('en;q=0.2, de;q=0.8')).body.title).toBe('Ungültige Eingabe');
    expect((await badAccount('fr-FR, en;q=0.5')).body.title).toBe('Invalid input');
    expect((await badAccount('fr')).body.title).toBe('Ungültige Eingabe');
  });

  it('business rules: same code, both languages', async () => {
    const account = { label: 'Giro', iban: 'DE02600501010002034304' };
    await api.http().post(`${base}/bank-accounts`).set(admin).send(account).expect(201);
    const de = await api.http().post(`${base}/bank-accounts`).set(admin).send(account).expect(409);
    expect(de.body).toMatchObject({
      code: 'IBAN_TAKEN',
      title: 'Konto schon erfasst',
      detail: 'Dieses Bankkonto ist bereits erfasst.',
    });
    const en = await api
      .http()
      .post(`${base}/bank-accounts`)
      .set(admin)
      .set('Accept-Language', 'en')
      .send(account)
      .expect(409);
    expect(en.body).toMatchObject({
      code: 'IBAN_TAKEN',
      title: 'IBAN taken',
      detail: 'This account is already recorded',
    });
  });

  it('roles, sessions and unknown routes', async () => {
    const forbidden = await api
      .http()
      .post(`${base}/bank-accounts`)
      .set(board)
      .send({ label: 'Giro', iban: 'DE02600501010002034304' })
      .expect(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', title: 'Keine Berechtigung' });
    expect(forbidden.body.detail).toMatch(/^Dafür braucht es die Rolle .*Administration/);

    const anonymous = await api.http().get('/api/v1/auth/me').expect(401);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED', title: 'Nicht angemeldet' });
    const anonymousEn = await api
      .http()
      .get('/api/v1/auth/me')
      .set('Accept-Language', 'en-US')
      .expect(401);
    expect(anonymousEn.body).toMatchObject({ code: 'UNAUTHENTICATED', title: 'Not logged in' });

    const nowhere = await api.http().get('/api/v1/no-such-route').set(admin).expect(404);
    expect(nowhere.body).toMatchObject({ code: 'NOT_FOUND', title: 'Nicht gefunden' });
  });
});
