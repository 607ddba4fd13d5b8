import { writeFileSync } from 'node:fs';
import { seedDemo } from '../../apps/cli/src/demo/seed-demo';
import { DEMO_PASSWORD, UMBRELLA } from '../../apps/cli/src/demo/demo-data';
import { addDays, todayIso } from '@dachwerk/shared';
import { createUser } from '@dachwerk/testing';
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
} from '../support/openapi';

/**
 * Tenant isolation, walked from the OpenAPI document: every operation, with another
 * organisation's ids in the path and in the body, must answer 404 (403 where the role is
 * missing), leak nothing and change nothing.
 *
 * Two organisations hold the same demo data: A, where the caller is admin, treasurer,
 * staff and board, and B, where the caller has no role. For each operation the walk sends
 *  - one call addressed to B's organisation with B's ids throughout, and
 *  - one call per id-bearing value (path parameter, body field, id filter) with that one
 *    value taken from B and every other value a valid id of A,
 * and after each call compares a fingerprint of every table with the one before.
 *
 * A new route or field that carries an id the walk cannot place fails the test until it
 * is taught here (KIND_OF_RESOURCE / KIND_OF_FIELD), so no route escapes the walk.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

type Kind =
  | 'organisation'
  | 'user'
  | 'invitation'
  | 'bankAccount'
  | 'donor'
  | 'donation'
  | 'donationImport'
  | 'receipt'
  | 'receiptRun'
  | 'tier'
  | 'member'
  | 'memberImport'
  | 'mandate'
  | 'feeRun'
  | 'receivable'
  | 'dunningRun'
  | 'initiative'
  | 'document'
  | 'programme'
  | 'application'
  | 'expenseClaim'
  | 'payoutRun'
  | 'proofOfUse'
  | 'bankStatement'
  | 'bankTransaction'
  | 'fiscalYear'
  | 'journalEntry'
  | 'account';

/** What a path parameter names, by the path segment in front of it. */
const KIND_OF_RESOURCE: Record<string, Kind | 'not-an-id'> = {
  organisations: 'organisation',
  users: 'user',
  invitations: 'invitation',
  donors: 'donor',
  donations: 'donation',
  'donation-imports': 'donationImport',
  receipts: 'receipt',
  'receipt-runs': 'receiptRun',
  tiers: 'tier',
  members: 'member',
  'member-imports': 'memberImport',
  mandates: 'mandate',
  'fee-runs': 'feeRun',
  'dunning-runs': 'dunningRun',
  initiatives: 'initiative',
  documents: 'document',
  programmes: 'programme',
  applications: 'application',
  'expense-claims': 'expenseClaim',
  'payout-runs': 'payoutRun',
  'proofs-of-use': 'proofOfUse',
  'bank-statements': 'bankStatement',
  'bank-transactions': 'bankTransaction',
  'fiscal-years': 'fiscalYear',
  entries: 'journalEntry',
  accounts: 'account',
  // A month of the fiscal year in the path before it, not a record of its own.
  periods: 'not-an-id',
  // A cost centre's code is a label within the path's organisation (see NOT_IDS), not an id.
  'cost-centres': 'not-an-id',
};

/** What a query or body field names. */
const KIND_OF_FIELD: Record<string, Kind> = {
  organisationId: 'organisation',
  donorId: 'donor',
  intoDonorId: 'donor',
  donationIds: 'donation',
  memberId: 'member',
  tierId: 'tier',
  mandateId: 'mandate',
  feeRunId: 'feeRun',
  receivableIds: 'receivable',
  receivableId: 'receivable',
  transitEntryId: 'journalEntry',
  initiativeId: 'initiative',
  initiativeIds: 'initiative',
  fromInitiativeId: 'initiative',
  toInitiativeId: 'initiative',
  programmeId: 'programme',
  applicationId: 'application',
  documentId: 'document',
  documentIds: 'document',
  statementId: 'bankStatement',
  bankAccountId: 'bankAccount',
  // Filters of the journal and the audit log by the record they belong to.
  sourceId: 'donation',
  entityId: 'donor',
  account: 'account',
  ledgerAccount: 'account',
};

/**
 * Fields that look like ids but name no record of a tenant. Cost centres (KOST2) are labels
 * each organisation chooses freely; where one stands for an initiative it is looked up
 * among the organisation's own initiatives, so another tenant's label names nothing.
 */
const NOT_IDS = new Set(['Idempotency-Key', 'sepaCreditorId', 'costCentre']);

/** Operations that address no tenant's record, so there is nothing to walk. */
const ADDRESS_NO_RECORD = new Set([
  'get /api/v1/health',
  'post /api/v1/auth/login',
  'get /api/v1/auth/me',
  'patch /api/v1/auth/me',
  'post /api/v1/auth/password',
  'post /api/v1/auth/password-reset',
  'post /api/v1/auth/password-reset/request',
  'get /api/v1/auth/invitations',
  'post /api/v1/auth/logout',
  'post /api/v1/auth/logout-all',
  'get /api/v1/users',
  'get /api/v1/organisations',
  'post /api/v1/organisations',
]);

function isIdBearing(field: FieldRef): boolean {
  if (NOT_IDS.has(field.name)) return false;
  if (field.in === 'path') return true;
  if (field.in === 'header') return false;
  if (field.path.some((p) => typeof p === 'number')) {
    // An array item: the array itself is the slot (e.g. donationIds), unless the item is
    // an object whose fields are slots of their own (e.g. lines[0].account).
    if (typeof field.path[field.path.length - 1] === 'number') return false;
  }
  const { schema } = field;
  return (
    schema.format === 'uuid' || /Ids?$/.test(field.name) || Object.hasOwn(KIND_OF_FIELD, field.name)
  );
}

function kindOf(field: FieldRef): Kind | 'not-an-id' | undefined {
  if (field.in === 'path') return KIND_OF_RESOURCE[field.resource ?? ''];
  return KIND_OF_FIELD[field.name];
}

/** One id of every kind, and the e-mail of the organisation's own user (invitations name accounts by it). */
type Ids = Record<Kind, string> & { userEmail: string };

const today = todayIso();
const year = Number(today.slice(0, 4));

/** Valid values for the fields every body needs; ids come from the organisation's Ids. */
const VALUES: Record<string, unknown> = {
  receivedOn: today,
  joinedOn: today,
  startsOn: today,
  leftOn: today,
  signedOn: today,
  revokedOn: today,
  bookedOn: today,
  documentOn: today,
  runOn: today,
  issuedOn: `${year - 1}-06-01`,
  validFrom: `${year + 1}-01-01`,
  periodStart: `${year + 1}-01-01`,
  periodEnd: `${year + 1}-12-31`,
  collectionDate: addDays(today, 30),
  executionDate: addDays(today, 7),
  endsOn: `${year + 1}-12-31`,
  year: year - 1,
  amountCents: 1000,
  requestedCents: 1000,
  budgetCents: 100000,
  name: 'Walk',
  title: 'Walk',
  description: 'Walk through the tenants',
  reason: 'Walk',
  report: 'Walk through the tenants, every route',
  resolutionRef: 'VS-2026-14',
  scores: {},
  lastName: 'Walk',
  debtorName: 'Walk Walker',
  payeeName: 'Walk Walker',
  iban: 'DE02120300000000202051',
  payeeIban: 'DE02120300000000202051',
  password: 'a long and unusual walk password',
  email: 'walk@example.org',
  roles: ['staff'],
  eligibleCostTypes: ['Sachkosten'],
  source: 'Walk',
  file: { content: Buffer.from('Konto;Soll;Haben\n'), filename: 'walk.csv' },
};

/** Per operation, the variant of the body in which the field under test is used. */
const VARIANTS: Record<string, (field: string, ids: Ids) => Record<string, unknown>> = {
  UsersController_create: (field, ids) => ({
    organisations: [
      {
        organisationId: ids.organisation,
        roles: field === 'initiativeIds' ? ['initiative'] : ['staff'],
      },
    ],
  }),
  UsersController_invite: (field, ids) => ({
    email: ids.userEmail,
    roles: field === 'initiativeIds' ? ['initiative'] : ['staff'],
  }),
  UsersController_setRoles: (field) => ({
    roles: field === 'initiativeIds' ? ['initiative'] : ['staff'],
  }),
  DonationsController_correct: (field, ids) =>
    field === 'donorId' || field === 'initiativeId'
      ? {
          replacement: {
            donorId: ids.donor,
            kind: 'money',
            channel: 'transfer',
            receivedOn: today,
            amountCents: 1000,
            earmark: field === 'initiativeId' ? 'initiative' : 'general',
          },
        }
      : {},
  BankingController_match: (field, ids) =>
    field === 'receivableIds'
      ? { kind: 'receivables' }
      : field === 'receivableId'
        ? { kind: 'return' }
        : field === 'transitEntryId'
          ? { kind: 'transit' }
          : field === 'account'
            ? { kind: 'account', sphere: 1 }
            : field === 'initiativeId'
              ? { kind: 'donation', donorId: ids.donor, earmark: 'initiative' }
              : { kind: 'donation', donorId: ids.donor },
  DonationsController_record: (field, ids) => ({
    kind: 'money',
    channel: 'transfer',
    earmark: field === 'initiativeId' ? 'initiative' : 'general',
    ...(field === 'initiativeId' ? {} : { initiativeId: OMIT }),
    donorId: ids.donor,
  }),
  FundingController_createClaim: (field) => ({
    kind: 'reimbursement',
    ...(field === 'applicationId' ? { costLineNo: 1 } : { applicationId: OMIT }),
  }),
  LedgerController_post: (_field, ids) => ({
    lines: [
      {
        account: Number(ids.account),
        side: 'debit',
        amountCents: 1000,
        sphere: 1,
      },
      { account: 18000, side: 'credit', amountCents: 1000 },
    ],
  }),
  LedgerController_openingBalances: (_field, ids) => ({
    lines: [
      { account: Number(ids.account), side: 'debit', amountCents: 1000 },
      { account: 20000, side: 'credit', amountCents: 1000 },
    ],
  }),
};

describe('tenant isolation: every operation of the OpenAPI document with another organisation’s ids', () => {
  let api: TestApi;
  let auth: { Authorization: string };
  let operations: ApiOperation[];
  const ids = {} as { a: Ids; b: Ids };

  beforeAll(async () => {
    api = await startApi();
    operations = operationsOf(await fetchOpenApi(api));
    // B: the demo umbrella, renamed; A: the demo umbrella loaded again beside it.
    await seedDemo(api.app);
    await api.superSql.query(`UPDATE organisations SET name = 'Mandant B e.V.' WHERE name = $1`, [
      UMBRELLA.name,
    ]);
    await seedDemo(api.app);
    const [{ id: a }] = await api.sql.query(`SELECT id FROM organisations WHERE name = $1`, [
      UMBRELLA.name,
    ]);
    const [{ id: b }] = await api.sql.query(
      `SELECT id FROM organisations WHERE name = 'Mandant B e.V.'`,
    );
    await completeFixture(api, a, 18952);
    await completeFixture(api, b, 18951);
    ids.a = await idsOf(api, a);
    ids.b = await idsOf(api, b);
    const caller = await createUser(api.sql, {
      roles: { [a]: ['admin', 'treasurer', 'staff', 'board'] },
    });
    auth = await login(api, caller.email, caller.password);
  }, 120_000);
  afterAll(() => api?.close());

  it('answers 404 (or 403 for a missing role), leaks nothing and changes nothing', async () => {
    const started = Date.now();
    const failures: string[] = [];
    const untaught: string[] = [];
    let calls = 0;
    let walked = 0;
    let noRecord = 0;
    let last: Record<string, string> | undefined;

    for (const op of operations) {
      const label = `${op.method.toUpperCase()} ${op.path}`;
      const slots = fieldsOf(op).filter(isIdBearing);
      for (const slot of slots) {
        if (!kindOf(slot)) untaught.push(`${label}: ${slot.in} ${slot.path.join('.')}`);
      }
      if (ADDRESS_NO_RECORD.has(`${op.method} ${op.path}`)) {
        noRecord++;
        continue;
      }
      if (!slots.length) {
        untaught.push(`${label}: carries no id — list it in ADDRESS_NO_RECORD or teach the walk`);
        continue;
      }
      walked++;
      const calling = slots.filter((s) => kindOf(s) && kindOf(s) !== 'not-an-id');
      const cases: { what: string; foreign: FieldRef | 'all' }[] = [
        ...(op.path.includes('{orgId}') ? [{ what: 'B throughout', foreign: 'all' as const }] : []),
        ...calling
          .filter((s) => s.name !== 'orgId')
          .map((s) => ({ what: `B's ${s.in} ${s.path.join('.')}`, foreign: s })),
      ];
      for (const c of cases) {
        const req = requestFor(op, c.foreign, ids);
        const sent = JSON.stringify([req.url, req.body]);
        // Nothing else writes between calls: one call's after is the next one's before.
        const before = (last ??= await fingerprint(api));
        const res = await send(api, req).set(auth);
        calls++;
        const after = (last = await fingerprint(api));
        const isFilter = c.foreign !== 'all' && c.foreign.in === 'query';
        const expected = expectedStatus(op, isFilter);
        const problems: string[] = [];
        if (!expected.includes(res.status)) {
          problems.push(
            `answered ${res.status} ${res.body?.code ?? ''} ${res.body?.detail ?? ''} ${
              res.body?.errors ? JSON.stringify(res.body.errors) : ''
            }`.trim(),
          );
        }
        const leaked = secretsOf(ids.b).filter(
          (s) => !sent.includes(s) && (res.text ?? '').includes(s),
        );
        if (leaked.length) problems.push(`leaked ${leaked.join(', ')}`);
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (changed.length) problems.push(`changed ${changed.join(', ')}`);
        if (problems.length) failures.push(`${label} with ${c.what}: ${problems.join('; ')}`);
      }
    }

    const seconds = (Date.now() - started) / 1000;
    // The figure bench/cross-tenant.bench.ts reports (CROSS_TENANT_REPORT names the file).
    const summary = {
      operations: operations.length,
      walked,
      addressNoRecord: noRecord,
      calls,
      seconds,
    };
    process.stdout.write(
      `cross-tenant walk: ${walked} of ${operations.length} operations walked (${noRecord} address no record), ${calls} calls, ${seconds.toFixed(1)} s\n`,
    );
    if (process.env.CROSS_TENANT_REPORT) {
      writeFileSync(process.env.CROSS_TENANT_REPORT, JSON.stringify(summary));
    }
    expect({ untaught, failures }).toEqual({ untaught: [], failures: [] });
    // Exhaustive: every operation is walked or declared as addressing no record.
    expect(walked + noRecord).toBe(operations.length);
    expect(calls).toBeGreaterThan(operations.length);
  }, 600_000);
});

/** 404 for a foreign id; 403 where the caller lacks the role; an id filter may list nothing. */
function expectedStatus(op: ApiOperation, isFilter: boolean): number[] {
  const callerRoles = ['admin', 'treasurer', 'staff', 'board'];
  const forbidden = op.roles && !op.roles.some((r) => callerRoles.includes(r));
  if (forbidden) return [403, 404];
  return isFilter ? [200, 404] : [404];
}

/**
 * The request of one case: every id from A (or, for 'all', from B), the one foreign slot
 * from B. A body slot is set after building, so that it lands even inside arrays of
 * objects and where the field is optional.
 */
function requestFor(op: ApiOperation, foreign: FieldRef | 'all', ids: { a: Ids; b: Ids }) {
  const own = foreign === 'all' ? ids.b : ids.a;
  const variant = VARIANTS[op.operationId]?.(foreign === 'all' ? '' : foreign.name, own) ?? {};
  const isForeign = (f: FieldRef) =>
    foreign !== 'all' && f.in === foreign.in && f.path.join('.') === foreign.path.join('.');
  const req = buildRequest(op, {
    fill: (field) => {
      const from = isForeign(field) ? ids.b : own;
      if (field.in === 'body' && field.path.length === 1 && Object.hasOwn(variant, field.name)) {
        return variant[field.name];
      }
      const kind = isIdBearing(field) ? kindOf(field) : undefined;
      if (kind === 'not-an-id') return 1;
      // Optional ids stay out (the foreign slot is set below); optional body values are valid.
      if (kind) return field.required ? idValue(field, kind, from) : undefined;
      const known = Object.hasOwn(VALUES, field.name) ? VALUES[field.name] : undefined;
      return field.required || field.in === 'body' ? known : undefined;
    },
  });
  if (foreign !== 'all' && foreign.in === 'body') {
    const kind = kindOf(foreign) as Kind;
    setAt(req.body as Record<string, unknown>, foreign.path, idValue(foreign, kind, ids.b));
  }
  return req;
}

function idValue(field: FieldRef, kind: Kind, from: Ids): unknown {
  const value = kind === 'account' ? Number(from.account) : from[kind];
  return field.schema.type === 'array' ? [value] : value;
}

function setAt(body: Record<string, unknown>, path: readonly (string | number)[], value: unknown) {
  let at: Record<string | number, unknown> = body;
  for (const key of path.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string | number, unknown>;
  }
  at[path[path.length - 1]] = value;
}

/** Strings of B that must never appear in an answer to A's caller. */
function secretsOf(b: Ids): string[] {
  return Object.entries(b)
    .filter(([kind]) => kind !== 'account')
    .map(([, id]) => id);
}

/**
 * What the demo does not load, made through the API as the demo's people would: an account
 * that only this organisation has, imports, a receipt run, a document, and
 * a user with a role here only.
 */
async function completeFixture(
  api: TestApi,
  organisationId: string,
  accountNumber: number,
): Promise<void> {
  const base = `/api/v1/organisations/${organisationId}`;
  const as = (email: string) => login(api, email, DEMO_PASSWORD);
  const staff = await as('staff@dachwerk.example');
  const treasurer = await as('treasurer@dachwerk.example');
  const own = await createUser(api.sql, { roles: { [organisationId]: ['staff'] } });
  // An invitation to join this organisation, open, for someone else than the caller.
  await api.superSql.query(
    `INSERT INTO invitations (user_id, organisation_id, roles, expires_at)
     VALUES ($1, $2, '{board}', now() + interval '7 days')`,
    [own.id, organisationId],
  );
  await api
    .http()
    .post(`${base}/ledger/accounts`)
    .set(treasurer)
    .send({ number: accountNumber, name: 'Nur hier', type: 'asset' })
    .expect(201);
  await api
    .http()
    .post(`${base}/donation-imports`)
    .set(treasurer)
    .attach(
      'file',
      Buffer.from(
        'Datum;Betrag;Vorname;Nachname;Firma;Straße;PLZ;Ort;Kanal;Zweckbindung;Kostenstelle\n' +
          `03.02.${year};50,00;Jürgen;Groß;;Königstraße 1;70173;Stuttgart;Überweisung;allgemein;\n`,
      ),
      'spenden.csv',
    )
    .expect(201);
  await api
    .http()
    .post(`${base}/member-imports`)
    .set(staff)
    .field('mapping', '{}')
    .attach('file', Buffer.from('Nr;Name\nX-1;Walk\n'), 'mitglieder.csv')
    .expect(201);
  await api
    .http()
    .post(`${base}/receipt-runs`)
    .set(treasurer)
    .send({ year: year - 1, kind: 'collective' })
    .expect(201);
  const [garden] = await api.sql.query<{ id: string }[]>(
    `SELECT id FROM initiatives WHERE organisation_id = $1 AND status = 'active' ORDER BY name LIMIT 1`,
    [organisationId],
  );
  await api
    .http()
    .post(`${base}/initiatives/${garden.id}/documents`)
    .set(staff)
    .attach('file', PDF, 'beleg.pdf')
    .expect(201);
}

/** One id of every kind in an organisation. */
async function idsOf(api: TestApi, organisationId: string): Promise<Ids> {
  const one = async (sql: string): Promise<string> => {
    const [row] = await api.superSql.query<{ id: string }[]>(sql, [organisationId]);
    if (!row) throw new Error(`fixture: nothing for ${sql}`);
    return String(row.id);
  };
  // Someone with a role here only (the demo's people work for both).
  const user = await one(
    `SELECT user_id AS id FROM memberships m WHERE organisation_id = $1
        AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.user_id = m.user_id AND o.organisation_id <> $1) LIMIT 1`,
  );
  return {
    organisation: organisationId,
    user,
    userEmail: await one(
      `SELECT email AS id FROM users WHERE id = '${user}' AND $1::uuid IS NOT NULL`,
    ),
    invitation: await one(`SELECT id FROM invitations WHERE organisation_id = $1 LIMIT 1`),
    bankAccount: await one(
      `SELECT id FROM organisation_bank_accounts WHERE organisation_id = $1 LIMIT 1`,
    ),
    donor: await one(
      `SELECT id FROM donors WHERE organisation_id = $1 AND merged_into_id IS NULL ORDER BY created_at LIMIT 1`,
    ),
    donation: await one(`SELECT id FROM donations WHERE organisation_id = $1 LIMIT 1`),
    donationImport: await one(`SELECT id FROM donation_imports WHERE organisation_id = $1 LIMIT 1`),
    receipt: await one(`SELECT id FROM receipts WHERE organisation_id = $1 LIMIT 1`),
    receiptRun: await one(`SELECT id FROM receipt_runs WHERE organisation_id = $1 LIMIT 1`),
    tier: await one(`SELECT id FROM membership_tiers WHERE organisation_id = $1 LIMIT 1`),
    member: await one(`SELECT id FROM members WHERE organisation_id = $1 LIMIT 1`),
    memberImport: await one(`SELECT id FROM member_imports WHERE organisation_id = $1 LIMIT 1`),
    mandate: await one(`SELECT id FROM sepa_mandates WHERE organisation_id = $1 LIMIT 1`),
    feeRun: await one(`SELECT id FROM fee_runs WHERE organisation_id = $1 LIMIT 1`),
    receivable: await one(
      `SELECT id FROM receivables WHERE organisation_id = $1 AND status = 'open' LIMIT 1`,
    ),
    dunningRun: await one(`SELECT id FROM dunning_runs WHERE organisation_id = $1 LIMIT 1`),
    initiative: await one(
      `SELECT id FROM initiatives WHERE organisation_id = $1 AND status = 'active' ORDER BY name LIMIT 1`,
    ),
    document: await one(`SELECT id FROM funding_documents WHERE organisation_id = $1 LIMIT 1`),
    programme: await one(`SELECT id FROM programmes WHERE organisation_id = $1 LIMIT 1`),
    application: await one(
      `SELECT id FROM applications WHERE organisation_id = $1 AND status = 'approved' LIMIT 1`,
    ),
    expenseClaim: await one(`SELECT id FROM expense_claims WHERE organisation_id = $1 LIMIT 1`),
    payoutRun: await one(`SELECT id FROM payout_runs WHERE organisation_id = $1 LIMIT 1`),
    proofOfUse: await one(
      `SELECT application_id AS id FROM proofs_of_use WHERE organisation_id = $1 LIMIT 1`,
    ),
    bankStatement: await one(`SELECT id FROM bank_statements WHERE organisation_id = $1 LIMIT 1`),
    bankTransaction: await one(
      `SELECT id FROM bank_transactions WHERE organisation_id = $1 AND status = 'unmatched' LIMIT 1`,
    ),
    fiscalYear: await one(`SELECT id FROM fiscal_years WHERE organisation_id = $1 LIMIT 1`),
    journalEntry: await one(
      `SELECT id FROM journal_entries WHERE organisation_id = $1 AND source = 'manual' LIMIT 1`,
    ),
    account: await one(
      `SELECT number AS id FROM accounts WHERE organisation_id = $1 AND name = 'Nur hier'`,
    ),
  };
}

/** Row count and an order-independent hash of every table the API writes. */
async function fingerprint(api: TestApi): Promise<Record<string, string>> {
  const tables = await tablesOf(api);
  const rows = await api.superSql.query<{ t: string; f: string }[]>(
    tables
      .map(
        (t) =>
          `SELECT '${t}' AS t, count(*) || ':' || COALESCE(sum(hashtextextended(x::text, 0)), 0) AS f FROM "${t}" x`,
      )
      .join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

let tableList: string[] | undefined;
async function tablesOf(api: TestApi): Promise<string[]> {
  // Sessions and heartbeats change with every request by design.
  tableList ??= (
    await api.superSql.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('sessions', 'worker_heartbeats', 'migrations', 'login_attempts') ORDER BY 1`,
    )
  ).map((r) => r.table_name);
  return tableList;
}
