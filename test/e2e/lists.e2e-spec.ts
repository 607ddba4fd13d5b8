import { DEMO_PASSWORD } from '../../apps/cli/src/demo/demo-data';
import { seedDemo } from '../../apps/cli/src/demo/seed-demo';
import { login, startApi, type TestApi } from '../support/api';

// Every list answers one shape, {items,total,page,pageSize}, and honours pageSize; runs
// and statements can be filtered. Checked over the demo, which has some of everything.
const DAY = '2026-06-30';

describe('lists over the demo', () => {
  let api: TestApi;
  let base: string;
  let treasurer: { Authorization: string };

  beforeAll(async () => {
    api = await startApi();
    await seedDemo(api.app, DAY);
    const [org] = await api.sql.query<{ id: string }[]>(
      `SELECT id FROM organisations ORDER BY created_at LIMIT 1`,
    );
    base = `/api/v1/organisations/${org.id}`;
    treasurer = await login(api, 'treasurer@dachwerk.example', DEMO_PASSWORD);
  }, 180_000);
  afterAll(() => api.close());

  const lists = [
    'tiers',
    'members',
    'mandates',
    'receivables',
    'dunning-levels',
    'dunning-runs',
    'fee-runs',
    'initiatives',
    'ledger/accounts',
    'ledger/fiscal-years',
    'ledger/entries',
    'donors',
    'donations',
    'receipts',
    'receipt-runs',
    'programmes',
    'applications',
    'expense-claims',
    'proofs-of-use',
    'payout-runs',
    'bank-statements',
    'bank-transactions',
  ];

  it.each(lists)('%s pages as {items,total,page,pageSize}', async (path) => {
    const all = (await api.http().get(`${base}/${path}?pageSize=200`).set(treasurer).expect(200))
      .body;
    expect(Object.keys(all).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
    expect(all.items.length).toBe(Math.min(all.total, 200));
    const second = (
      await api.http().get(`${base}/${path}?page=2&pageSize=1`).set(treasurer).expect(200)
    ).body;
    expect(second).toMatchObject({ page: 2, pageSize: 1, total: all.total });
    expect(second.items).toEqual(all.items.slice(1, 2));
  });

  it.each([
    ['fee-runs', 1],
    ['dunning-runs', 1],
    ['payout-runs', 1],
    ['bank-statements', 2],
  ])('%s lists what the demo ran, and a range before it lists nothing', async (path, atLeast) => {
    const runs = (await api.http().get(`${base}/${path}`).set(treasurer).expect(200)).body;
    expect(runs.total).toBeGreaterThanOrEqual(atLeast);
    const before = (
      await api.http().get(`${base}/${path}?from=2000-01-01&to=2000-12-31`).set(treasurer)
    ).body;
    expect(before).toMatchObject({ total: 0, items: [] });
    const around = (
      await api.http().get(`${base}/${path}?from=2000-01-01&to=2099-12-31`).set(treasurer)
    ).body;
    expect(around.total).toBe(runs.total);
  });

  it('filters receipt runs by year and status, statements by account', async () => {
    const started = await api
      .http()
      .post(`${base}/receipt-runs`)
      .set(treasurer)
      .send({ year: 2025, kind: 'collective' })
      .expect(201);
    const of2025 = (await api.http().get(`${base}/receipt-runs?year=2025`).set(treasurer)).body;
    expect(of2025.items.map((r: { id: string }) => r.id)).toContain(started.body.id);
    const of2024 = (await api.http().get(`${base}/receipt-runs?year=2024`).set(treasurer)).body;
    expect(of2024.total).toBe(0);
    await api.http().get(`${base}/receipt-runs?status=paused`).set(treasurer).expect(400);

    const statements = (await api.http().get(`${base}/bank-statements`).set(treasurer)).body;
    const account = statements.items[0].bankAccountId;
    const own = (
      await api.http().get(`${base}/bank-statements?bankAccountId=${account}`).set(treasurer)
    ).body;
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((s: { bankAccountId: string }) => s.bankAccountId === account)).toBe(
      true,
    );
    const none = (
      await api
        .http()
        .get(`${base}/bank-statements?bankAccountId=00000000-0000-4000-8000-000000000000`)
        .set(treasurer)
    ).body;
    expect(none.total).toBe(0);
  });
});
