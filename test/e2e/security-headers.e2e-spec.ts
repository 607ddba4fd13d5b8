import { createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

describe('security headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => api.close());

  it('sends CSP fit for the same-origin web app, nosniff and no framing; HSTS only over TLS', async () => {
    const res = await api.http().get('/api/v1/health');
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const tls = await api.http().get('/api/v1/health').set('X-Forwarded-Proto', 'https');
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    // Error answers carry them too.
    const missing = await api.http().get('/api/v1/nothing-here').expect(404);
    expect(missing.headers['content-security-policy']).toBe(csp);
  });

  it('serves /docs while not in production', async () => {
    await api.http().get('/docs-json').expect(200);
    const page = await api.http().get('/docs/').expect(200);
    expect(page.text).toMatch(/swagger/i);
  });
});

describe('in production', () => {
  it('turns /docs and the queue dashboard off, unless enabled', async () => {
    const api = await startApi({ NODE_ENV: 'production' });
    try {
      const root = await createUser(api.sql, { isPlatformAdmin: true });
      const platform = await login(api, root.email, root.password);
      await api.http().get('/docs-json').expect(404);
      await api.http().get('/docs').expect(404);
      await api.http().get('/admin/queues').set(platform).expect(404);
    } finally {
      await api.close();
    }
    const enabled = await startApi({
      NODE_ENV: 'production',
      API_DOCS: 'true',
      QUEUE_DASHBOARD: 'true',
    });
    try {
      await enabled.http().get('/docs-json').expect(200);
      await enabled.http().get('/admin/queues').expect(401);
    } finally {
      await enabled.close();
    }
  });
});
