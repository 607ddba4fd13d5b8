import { toProblem } from './problem.filter';
import { isDatabaseUnavailable } from './unavailable';

describe('database unavailable', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
    code: 'ECONNREFUSED',
  });

  it.each([
    ['a refused connection', refused],
    ['a server shutting down (57P01)', Object.assign(new Error('terminating'), { code: '57P01' })],
    ['a server starting up (57P03)', Object.assign(new Error('starting up'), { code: '57P03' })],
    ['a connection exception (08006)', Object.assign(new Error('failure'), { code: '08006' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a wrapped driver error', { message: 'query failed', driverError: refused }],
  ])('recognises %s and answers 503 with Retry-After', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const problem = toProblem(error, 'e1');
    expect(problem).toMatchObject({
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      details: { retryAfterSeconds: 5 },
    });
  });

  it.each([
    ['a unique violation', Object.assign(new Error('dup'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax'), { code: '42601' })],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('leaves %s alone', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
