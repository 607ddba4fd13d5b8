import iconv from 'iconv-lite';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

describe('donation CSV import', () => {
  let api: TestApi;
  let base: string;
  let treasurer: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    const orgId = (await createOrganisation(api.sql)).id;
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
    await api.sql.query(
      `INSERT INTO initiatives (organisation_id, name, purpose, tax_purpose, cost_centre, status, agreement_signed_on)
       VALUES ($1, 'Gemeinschaftsgarten', 'Garten für alle', 'Umweltschutz', 'INI-GARTEN', 'active', '2025-01-01')`,
      [orgId],
    );
  });
  afterAll(() => api.close());

  const count = async (table: string) =>
    Number((await api.sql.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const upload = (csv: Buffer | string, name = 'spenden.csv') =>
    api
      .http()
      .post(`${base}/donation-imports`)
      .set(treasurer)
      .attach('file', typeof csv === 'string' ? Buffer.from(csv) : csv, name);

  const good = [
    'Datum;Betrag;Vorname;Nachname;Firma;Straße;PLZ;Ort;Kanal;Zweckbindung;Kostenstelle',
    '03.02.2026;50,00;Jürgen;Groß;;Königstraße 1;70173;Stuttgart;Überweisung;allgemein;',
    '2026-02-04;1.250,00;;;Bäckerei Süß GmbH;Marktplatz 2;70173;Stuttgart;Lastschrift;initiative;INI-GARTEN',
    '05.02.2026;20;Jürgen;Groß;;Königstraße 1;70173;Stuttgart;Bar;;',
  ].join('\r\n');

  it('previews with line errors and books nothing; a good file commits all rows at once', async () => {
    const before = [await count('donations'), await count('journal_entries')];
    const bad = await upload(
      good
        .replace('50,00', 'fünfzig')
        .replace('2026-02-04', '2026-02-31')
        .replace('Bar;;', 'Scheck;;'),
    ).expect(201);
    expect(
      bad.body.errors.map(
        (e: { line: number; field: string; rule: string }) => `${e.line}:${e.field}:${e.rule}`,
      ),
    ).toEqual(['2:amount:isAmount', '3:date:isDate', '4:channel:isIn']);
    const refused = await api
      .http()
      .post(`${base}/donation-imports/${bad.body.id}/commit`)
      .set(treasurer)
      .send({})
      .expect(422);
    expect(refused.body.code).toBe('IMPORT_HAS_ERRORS');
    const unknown = await upload(good.replace('INI-GARTEN', 'INI-NIX')).expect(201);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ line: 3, field: 'costCentre', rule: 'exists' }),
    ]);

    const preview = await upload(iconv.encode(good, 'win1252')).expect(201);
    expect(preview.body).toMatchObject({
      rowCount: 3,
      totalCents: 132000,
      errors: [],
      status: 'preview',
    });
    expect([await count('donations'), await count('journal_entries')]).toEqual(before);

    const committed = await api
      .http()
      .post(`${base}/donation-imports/${preview.body.id}/commit`)
      .set(treasurer)
      .send({})
      .expect(201);
    expect(committed.body.status).toBe('committed');
    expect([await count('donations'), await count('journal_entries')]).toEqual([
      before[0] + 3,
      before[1] + 3,
    ]);
    // the two rows of Jürgen Groß found one donor
    const donors = await api.http().get(`${base}/donors?q=Groß`).set(treasurer).expect(200);
    expect(donors.body.total).toBe(1);
    const initiative = await api
      .http()
      .get(`${base}/donations?costCentre=INI-GARTEN`)
      .set(treasurer)
      .expect(200);
    expect(initiative.body.items.map((d: { amountCents: number }) => d.amountCents)).toEqual([
      125000,
    ]);
  });

  it('recognises a file imported before and refuses it unless forced', async () => {
    const first = await upload(good.replace(/2026-02-04/, '2026-02-06')).expect(201);
    await api
      .http()
      .post(`${base}/donation-imports/${first.body.id}/commit`)
      .set(treasurer)
      .send({})
      .expect(201);
    const again = await upload(good.replace(/2026-02-04/, '2026-02-06')).expect(201);
    expect(again.body.duplicateOfImportId).toBe(first.body.id);
    const before = await count('donations');
    const refused = await api
      .http()
      .post(`${base}/donation-imports/${again.body.id}/commit`)
      .set(treasurer)
      .send({})
      .expect(409);
    expect(refused.body.code).toBe('IMPORT_DUPLICATE');
    expect(await count('donations')).toBe(before);
    await api
      .http()
      .post(`${base}/donation-imports/${again.body.id}/commit`)
      .set(treasurer)
      .send({ force: true })
      .expect(201);
    expect(await count('donations')).toBe(before + 3);
  });

  it('refuses wrong columns and binary files, naming the problem', async () => {
    const columns = await upload('Datum;Betrag;Farbe\n01.01.2026;5;blau\n').expect(201);
    expect(columns.body.errors).toEqual([
      expect.objectContaining({ line: 1, field: 'header', rule: 'columns' }),
    ]);
    const binary = await upload(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]), 'x.pdf').expect(
      201,
    );
    expect(binary.body.errors).toEqual([
      expect.objectContaining({ field: 'file', rule: 'encoding' }),
    ]);
    await api.http().post(`${base}/donation-imports`).set(treasurer).expect(400);
  });
});
