import { startApi, TestApi } from '../support/api';

/** The API serves the built web app (npm run build) at `/`, same origin as `/api/v1`. */
describe('web app served by the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers / and any deep link with the app shell, revalidated on every load', async () => {
    for (const path of ['/', '/o/0190a4f2-0000-7000-8000-000000000000/members/42', '/login']) {
      const res = await api.http().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the hashed assets the shell names, cached for good', async () => {
    const shell = await api.http().get('/').expect(200);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(shell.text)?.[1];
    expect(script).toBeDefined();
    const res = await api.http().get(script!).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    await api.http().get('/assets/not-there.js').expect(404);
  });

  it('leaves the API and its docs alone: unknown API paths are problems, not the app', async () => {
    const res = await api.http().get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    await api.http().get('/docs-json').expect(200);
  });
});
