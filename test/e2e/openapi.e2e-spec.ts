import { startApi, TestApi } from '../support/api';
import {
  buildRequest,
  fetchOpenApi,
  fieldsOf,
  OMIT,
  operationsOf,
  type ApiOperation,
} from '../support/openapi';

describe('the OpenAPI walker (test/support/openapi.ts)', () => {
  let api: TestApi;
  let operations: ApiOperation[];

  beforeAll(async () => {
    api = await startApi();
    operations = operationsOf(await fetchOpenApi(api));
  });
  afterAll(() => api.close());

  const find = (method: string, path: string): ApiOperation => {
    const op = operations.find((o) => o.method === method && o.path === `/api/v1${path}`);
    if (!op) throw new Error(`no ${method} ${path}`);
    return op;
  };

  it('lists every operation with its roles, and marks the public ones', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((o) => o.isPublic).map((o) => `${o.method} ${o.path}`)).toEqual([
      'get /api/v1/health',
      'post /api/v1/auth/login',
      'post /api/v1/auth/password-reset',
      'post /api/v1/auth/password-reset/request',
    ]);
    expect(find('post', '/organisations/{orgId}/donors/{id}/merge').roles).toEqual(
      expect.arrayContaining(['treasurer']),
    );
    // Class-level @Roles reaches every method of the controller.
    expect(find('get', '/users').roles).toEqual(['admin']);
    for (const op of operations) {
      expect(JSON.stringify(op)).not.toContain('$ref');
    }
  });

  it('names what a path id stands for and finds ids deep in bodies', () => {
    const close = find(
      'post',
      '/organisations/{orgId}/ledger/fiscal-years/{id}/periods/{periodNo}/close',
    );
    expect(close.pathParams.map((p) => [p.name, p.resource])).toEqual([
      ['orgId', 'organisations'],
      ['id', 'fiscal-years'],
      ['periodNo', 'periods'],
    ]);
    const entry = fieldsOf(find('post', '/organisations/{orgId}/ledger/entries'));
    expect(entry.map((f) => f.path.join('.'))).toContain('lines.0.account');
  });

  it('builds a request from the fill, examples and types', () => {
    const merge = buildRequest(find('post', '/organisations/{orgId}/donors/{id}/merge'), {
      fill: { orgId: 'org-1', id: 'donor-1', intoDonorId: 'donor-2' },
    });
    expect(merge).toMatchObject({
      method: 'post',
      url: '/api/v1/organisations/org-1/donors/donor-1/merge',
      body: { intoDonorId: 'donor-2' },
      unfilled: [],
    });

    const entry = buildRequest(find('post', '/organisations/{orgId}/ledger/entries'), {
      fill: (field) =>
        field.name === 'account' ? 1800 : field.name === 'description' ? OMIT : undefined,
    });
    expect(entry.unfilled.map((f) => f.name)).toEqual(['orgId']);
    expect(entry.body).toMatchObject({
      bookedOn: '2026-03-14',
      lines: [expect.objectContaining({ account: 1800, side: 'debit' })],
    });
    expect(entry.body).not.toHaveProperty('description');

    const upload = buildRequest(find('post', '/organisations/{orgId}/bank-statements'), {
      fill: { orgId: 'o', file: { content: Buffer.from('<xml/>'), filename: 's.xml' } },
    });
    expect(upload.files.file.filename).toBe('s.xml');
  });
});
