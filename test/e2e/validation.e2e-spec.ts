import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

describe('bad input', () => {
  let api: TestApi;
  let orgId: string;
  let admin: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql)).id;
    const a = await createUser(api.sql, { roles: { [orgId]: ['admin', 'treasurer'] } });
    admin = await login(api, a.email, a.password);
  });
  afterAll(() => api.close());

  const count = async (table: string): Promise<number> =>
    Number((await api.sql.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('answers 400 naming each invalid field and rule, and writes nothing', async () => {
    const before = {
      accounts: await count('organisation_bank_accounts'),
      audit: await count('audit_events'),
    };
    const res = await api
      .http()
      .post(`/api/v1/organisations/${orgId}/bank-accounts`)
      .set(admin)
      .send({
        label: '',
        iban: 'DE00 1234 5678 9012 3456 78',
        bic: 'NOTABIC',
        colour: 'blue',
        ledgerAccount: 40000,
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: '/problems/validation-failed',
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(res.body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    const rules = (res.body.errors as { field: string; rule: string }[])
      .map((e) => `${e.field}:${e.rule}`)
      .sort();
    expect(rules).toEqual([
      'bic:isBic',
      'colour:whitelistValidation',
      'iban:isIban',
      'label:minLength',
      'ledgerAccount:max',
    ]);
    expect(await count('organisation_bank_accounts')).toBe(before.accounts);
    expect(await count('audit_events')).toBe(before.audit);
  });

  it('accepts a valid IBAN with spaces and stores it in electronic format', async () => {
    const res = await api
      .http()
      .post(`/api/v1/organisations/${orgId}/bank-accounts`)
      .set(admin)
      .send({
        label: 'Giro',
        iban: 'de02 6005 0101 0002 0343 04',
        bic: 'SOLADEST600',
        isDefault: true,
      })
      .expect(201);
    expect(res.body).toMatchObject({ iban: 'DE02600501010002034304', ledgerAccount: 18000 });
    await api
      .http()
      .post(`/api/v1/organisations/${orgId}/bank-accounts`)
      .set(admin)
      .send({ label: 'Again', iban: 'DE02600501010002034304' })
      .expect(409);
  });

  it('checks the SEPA creditor id and exemption-notice rules', async () => {
    const bad = await api
      .http()
      .patch(`/api/v1/organisations/${orgId}`)
      .set(admin)
      .send({ sepaCreditorId: 'DE97ZZZ09999999999' })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'sepaCreditorId', rule: 'isCreditorId' });
    await api
      .http()
      .patch(`/api/v1/organisations/${orgId}`)
      .set(admin)
      .send({ sepaCreditorId: 'DE98ZZZ09999999999' })
      .expect(200);

    const notice = await api
      .http()
      .post(`/api/v1/organisations/${orgId}/exemption-notices`)
      .set(admin)
      .send({ kind: 'freistellungsbescheid', issuedOn: '2025-13-01', taxOffice: 'FA' })
      .expect(400);
    const fields = (notice.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['issuedOn', 'periodFrom', 'periodTo']);
  });

  it('answers malformed JSON, unknown routes and bad paging in the same shape', async () => {
    const json = await api
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(json.body.code).toBe('MALFORMED_JSON');
    const missing = await api.http().get('/api/v1/no-such-route').set(admin).expect(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Nicht gefunden' });
    const paging = await api
      .http()
      .get('/api/v1/organisations?pageSize=500&page=0')
      .set(admin)
      .expect(400);
    expect((paging.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'page',
      'pageSize',
    ]);
  });

  it('refuses null, empty names and out-of-range path numbers; cleans control characters', async () => {
    const org = `/api/v1/organisations/${orgId}`;
    const refused = async (method: 'patch' | 'put' | 'get', path: string, body?: object) => {
      const res = await api.http()[method](path).set(admin).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      return (res.body.errors as { field: string; rule: string }[])
        .map((e) => `${e.field}:${e.rule}`)
        .sort();
    };
    expect(await refused('patch', org, { name: null })).toEqual(['name:notNull']);
    expect(await refused('patch', org, { name: ' \u0000 \t' })).toEqual(['name:minLength']);
    expect(await refused('patch', org, { city: null, purposes: [' '] })).toEqual([
      'city:notNull',
      'purposes:isLength',
    ]);
    expect(await refused('put', `${org}/ledger/settings`, { accountLength: null })).toEqual([
      'accountLength:notNull',
    ]);
    expect(await refused('patch', `${org}/ledger/accounts/2147483648`, { name: 'x' })).toEqual([
      'number:isInt',
    ]);
    expect(await refused('get', `/api/v1/users/123`)).toEqual(['id:isUuid']);
    const [unchanged] = await api.sql.query(`SELECT name, city FROM organisations WHERE id = $1`, [
      orgId,
    ]);
    expect(unchanged.city).toBe('Stuttgart');

    const cleaned = await api
      .http()
      .patch(org)
      .set(admin)
      .send({ name: '  Verein\u0000 der\u0007 Freunde ', registerCourt: null, taxOffice: ' ' })
      .expect(200);
    expect(cleaned.body).toMatchObject({
      name: 'Verein der Freunde',
      registerCourt: null,
      taxOffice: null,
    });
  });
  it('refuses every hostile camt upload of the seed corpus with problem+json, writing nothing', async () => {
    const dir = join(__dirname, '../../libs/banking/fixtures/hostile');
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as {
      file: string;
      status: number;
      code: string;
      field: string;
    }[];
    const before = await count('bank_statements');
    for (const c of corpus) {
      const res = await api
        .http()
        .post(`/api/v1/organisations/${orgId}/bank-statements`)
        .set(admin)
        .attach('file', readFileSync(join(dir, c.file)), c.file);
      expect({ file: c.file, status: res.status, code: res.body.code }).toEqual({
        file: c.file,
        status: c.status,
        code: c.code,
      });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(c.field);
    }
    expect(await count('bank_statements')).toBe(before);
  });
});
