import { freePort, startRedisChild } from '@dachwerk/testing';
import { startApi, TestApi, waitFor } from '../support/api';

describe('health', () => {
  it('answers 200 when database and Redis are up, 503 once Redis stops', async () => {
    const port = await freePort();
    const redis = await startRedisChild({
      dir: `${process.env.TEST_TMP_DIR}/health-redis-${port}`,
      port,
    });
    let api: TestApi | undefined;
    try {
      api = await startApi({ REDIS_URL: `redis://127.0.0.1:${port}` });
      const up = await api.http().get('/api/v1/health').expect(200);
      expect(up.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });

      redis.kill('SIGKILL');
      const down = await waitFor(async () => {
        const res = await api!.http().get('/api/v1/health');
        return res.status === 503 && res;
      });
      expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(down.body).toMatchObject({
        status: 503,
        code: 'SERVICE_DEGRADED',
        detail: 'Nicht erreichbar: redis.',
        database: 'up',
        redis: 'down',
      });
    } finally {
      redis.kill('SIGKILL');
      await api?.close();
    }
  });

  it('is public and documented with every route in OpenAPI', async () => {
    const api = await startApi();
    try {
      await api.http().get('/api/v1/health').expect(200);
      const doc = await api.http().get('/docs-json').expect(200);
      const paths = Object.keys(doc.body.paths);
      for (const path of [
        '/api/v1/health',
        '/api/v1/auth/login',
        '/api/v1/auth/me',
        '/api/v1/users',
        '/api/v1/organisations/{orgId}',
        '/api/v1/organisations/{orgId}/audit-events',
      ]) {
        expect(paths).toContain(path);
      }
      expect(doc.body.components.schemas.ProblemDto).toBeDefined();
      expect(doc.body.paths['/api/v1/users'].post.responses['400']).toBeDefined();
      await api.http().get('/docs').expect(200);
    } finally {
      await api.close();
    }
  });
});
