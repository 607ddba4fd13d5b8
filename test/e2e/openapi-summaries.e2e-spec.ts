import { startApi, TestApi } from '../support/api';
import { fetchOpenApi, type OpenApiDocument } from '../support/openapi';

// Every operation says what it does in German (`summary`) and English (`x-summary-en`),
// set with @Summary(german, english) next to the route (libs/shared/http/summary.decorator.ts).
describe('OpenAPI summaries', () => {
  let api: TestApi;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    api = await startApi();
    doc = await fetchOpenApi(api);
  });
  afterAll(() => api.close());

  it('every operation has a German summary and an English one', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { summary?: string; 'x-summary-en'?: string }>)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ operation: `${method.toUpperCase()} ${path}`, ...op })),
    );
    expect(operations.length).toBeGreaterThan(150);
    const incomplete = operations
      .filter((op) => !op.summary?.trim() || !op['x-summary-en']?.trim())
      .map((op) => op.operation);
    expect(incomplete).toEqual([]);
    // Two languages, not one text twice.
    const same = operations
      .filter((op) => op.summary === op['x-summary-en'])
      .map((op) => op.operation);
    expect(same).toEqual([]);
  });

  it('the German summary is what Swagger shows for a route, the English one sits beside it', () => {
    const members = doc.paths['/api/v1/organisations/{orgId}/members'] as Record<
      string,
      { summary?: string; 'x-summary-en'?: string }
    >;
    expect(members.get).toMatchObject({
      summary: 'Mitglieder auflisten',
      'x-summary-en': 'List members',
    });
  });
});
