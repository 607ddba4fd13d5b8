import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';
import {
  buildRequest,
  fetchOpenApi,
  fieldsOf,
  OMIT,
  operationsOf,
  send,
  type ApiOperation,
  type FieldRef,
  type SchemaObject,
} from '../support/openapi';

/**
 * Property-based fuzzing over every operation of the OpenAPI document: valid requests,
 * boundary values, wrong types, nulls, hostile text and extra fields, one field at a time.
 * Whatever comes in, the API answers below 500, and every 4xx is problem+json.
 * Bounded for CI: a fixed seed and FUZZ_RUNS cases per operation (default 20:
 * about 3,000 requests, under a minute on a 2-core machine). The figure printed at the end is
 * the throughput in operation-cases per minute.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

/** Routes that would end the fuzzer's own session; everything else is fair game. */
const SPARED = [/\/auth\/logout/, /\/auth\/password$/, /\/auth\/sessions/];

const HOSTILE: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 63),
  Number.MAX_VALUE,
  '',
  ' ',
  'abc',
  '\u0000',
  'x\u0000y',
  '\u202e\u200b',
  '𝌆'.repeat(50),
  'x'.repeat(10_001),
  "' OR 1=1 --",
  '../../etc/passwd',
  '=HYPERLINK("https://evil.example")',
  '2026-02-30',
  '99999-12-31',
  'NaN',
  '1e400',
  '00000000-0000-0000-0000-000000000000',
  [],
  [null],
  {},
  { $gt: '' },
];

/** Values at and past the edges the schema states. */
function boundaries(schema: SchemaObject): unknown[] {
  const out: unknown[] = [];
  if (schema.type === 'integer' || schema.type === 'number') {
    for (const edge of [schema.minimum, schema.maximum])
      if (edge !== undefined) out.push(edge, edge - 1, edge + 1);
    out.push(0, -1, 2147483647, 2147483648, Number.MAX_SAFE_INTEGER);
  } else if (schema.type === 'string' || schema.type === undefined) {
    for (const n of [schema.minLength, schema.maxLength])
      if (n !== undefined)
        out.push('x'.repeat(n), 'x'.repeat(Math.max(0, n - 1)), 'x'.repeat(n + 1));
    if (schema.enum?.length)
      out.push(`${String(schema.enum[0])}x`, String(schema.enum[0]).toUpperCase());
  } else if (schema.type === 'array') {
    out.push(
      [],
      Array.from({ length: (schema.maxItems ?? 200) + 1 }, () => null),
    );
  }
  return out.length ? out : [null];
}

const hostileCamt = (() => {
  const dir = join(__dirname, '../../libs/banking/fixtures/hostile');
  return readdirSync(dir)
    .filter((f) => f !== 'corpus.json')
    .map((f) => ({ content: readFileSync(join(dir, f)), filename: f }));
})();

type Mutation =
  | { kind: 'valid'; optional: boolean }
  | { kind: 'field'; field: number; value: unknown }
  | { kind: 'boundary'; field: number; pick: number }
  | { kind: 'omit'; field: number }
  | { kind: 'extra'; name: string; value: unknown }
  | { kind: 'body'; value: unknown }
  | { kind: 'file'; pick: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('valid' as const), optional: fc.boolean() }),
  fc.record({
    kind: fc.constant('field' as const),
    field: fc.nat(),
    value: fc.oneof(fc.constantFrom(...HOSTILE), fc.string(), fc.integer(), fc.double()),
  }),
  fc.record({ kind: fc.constant('boundary' as const), field: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('omit' as const), field: fc.nat() }),
  fc.record({
    kind: fc.constant('extra' as const),
    name: fc.constantFrom('isAdmin', 'organisationId', '__proto__', 'id', 'x'),
    value: fc.constantFrom(...HOSTILE),
  }),
  fc.record({
    kind: fc.constant('body' as const),
    value: fc.constantFrom(null, [], 'text', 42, [{}]),
  }),
  fc.record({ kind: fc.constant('file' as const), pick: fc.nat() }),
);

describe('fuzzing every OpenAPI operation', () => {
  let api: TestApi;
  let operations: ApiOperation[];
  let orgId: string;
  let auth: { Authorization: string };
  let relogin: () => Promise<void>;
  let sent = 0;
  let elapsedMs = 0;
  const statuses: Record<number, number> = {};

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql)).id;
    const roles = ['admin', 'treasurer', 'staff', 'board'] as const;
    const user = await createUser(api.sql, { roles: { [orgId]: [...roles] } });
    relogin = async () => {
      auth = await login(api, user.email, user.password);
    };
    await relogin();
    operations = operationsOf(await fetchOpenApi(api)).filter(
      (op) => !SPARED.some((re) => re.test(op.path)),
    );
  });
  afterAll(async () => {
    await api.close();
    console.log(
      `fuzz: ${operations.length} operations × ${RUNS} cases = ${sent} requests in ${(elapsedMs / 1000).toFixed(1)} s, ` +
        `${Math.round((sent / elapsedMs) * 60_000)} operation-cases per minute; statuses ${JSON.stringify(statuses)}`,
    );
  });

  function request(op: ApiOperation, m: Mutation) {
    const fields = fieldsOf(op).filter((f) => !(f.in === 'path' && f.name === 'orgId'));
    const target: FieldRef | undefined =
      'field' in m && fields.length ? fields[m.field % fields.length] : undefined;
    const same = (a: FieldRef, b: FieldRef) =>
      a.in === b.in && a.path.join('.') === b.path.join('.');
    const req = buildRequest(op, {
      includeOptional: m.kind === 'valid' ? m.optional : false,
      fill: (field) => {
        if (target && same(field, target)) {
          if (m.kind === 'field') return m.value;
          if (m.kind === 'boundary') {
            const values = boundaries(field.schema);
            return values[m.pick % values.length];
          }
          if (m.kind === 'omit') return OMIT;
        }
        if (field.in === 'path' && field.name === 'orgId') return orgId;
        return undefined;
      },
    });
    if (m.kind === 'extra' && req.body && typeof req.body === 'object')
      (req.body as Record<string, unknown>)[m.name] = m.value;
    if (m.kind === 'body' && req.body !== undefined && req.contentType === 'application/json')
      req.body = m.value;
    if (m.kind === 'file' && Object.keys(req.files).length)
      for (const name of Object.keys(req.files))
        req.files[name] = hostileCamt[m.pick % hostileCamt.length];
    return req;
  }

  /**
   * For bench/fuzz.bench.ts (FUZZ_REPORT names the file): the fuzzing throughput beside a
   * baseline from the same API in the same run — as many plain GET auth/me as there were
   * operations, one after the other like the fuzzer's requests.
   */
  async function writeBenchSummary(file: string): Promise<void> {
    const baselineStarted = Date.now();
    for (let i = 0; i < operations.length; i++)
      await api.http().get('/api/v1/auth/me').set(auth).expect(200);
    const baselineMs = Date.now() - baselineStarted;
    const summary = {
      operations: operations.length,
      casesPerOperation: RUNS,
      requests: sent,
      seconds: elapsedMs / 1000,
      baselineRequests: operations.length,
      baselineSeconds: baselineMs / 1000,
    };
    writeFileSync(file, JSON.stringify(summary));
  }

  it('answers every generated request below 500, and every 4xx as problem+json', async () => {
    const failures: string[] = [];
    // What the problem filter logs for a 500, so a failure names its cause.
    let lastError = '';
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      const err = (message as { err?: Error })?.err;
      lastError = String(err?.stack ?? err ?? message).slice(0, 600);
    });
    const started = Date.now();
    for (const op of operations) {
      await fc
        .assert(
          fc.asyncProperty(mutation, async (m) => {
            const req = request(op, m);
            const res = await send(api, req).set(auth);
            sent++;
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            const problem = /application\/problem\+json/.test(res.headers['content-type'] ?? '');
            // A case that ended the session (e.g. changed its user's roles): the next one logs in again.
            if (res.status === 401 || res.status === 403) await relogin();
            if (res.status >= 500 || (res.status >= 400 && !problem)) {
              failures.push(
                `${op.method.toUpperCase()} ${req.url} ${JSON.stringify(m).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)} ${res.status >= 500 ? lastError : ''}`,
              );
              return false;
            }
            return true;
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    elapsedMs = Date.now() - started;
    logged.mockRestore();
    if (process.env.FUZZ_REPORT) await writeBenchSummary(process.env.FUZZ_REPORT);
    expect(failures).toEqual([]);
    // Not only refusals: the generated requests reach the services too.
    expect(Object.keys(statuses).some((s) => Number(s) < 300)).toBe(true);
  });
});
