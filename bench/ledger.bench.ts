import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditModule } from '@dachwerk/audit';
import {
  LedgerModule,
  LedgerReportsService,
  LedgerService,
  type PostingInput,
} from '@dachwerk/ledger';
import { SharedModule, Transactions, type Actor } from '@dachwerk/shared';
import { createOrganisation, createUser, freePort } from '@dachwerk/testing';
import { report } from './support/report';
import type { BenchServices } from './support/services';

@Module({ imports: [SharedModule, AuditModule, LedgerModule] })
class LedgerBenchModule {}

const ACCOUNTS = [
  16000, 18000, 18100, 40000, 40450, 41000, 48610, 63010, 63100, 63000, 68150, 68550,
];
const SPHERE_OF: Record<number, 1 | 2 | 3 | 4> = { 40000: 1, 40450: 1, 41000: 3, 48610: 2 };

/** Deterministic entries of 2–4 lines spread over 2026. */
export function* entries(count: number, seed: number): Generator<PostingInput> {
  let s = seed;
  const rnd = () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
  for (let i = 0; i < count; i++) {
    const day = 1 + Math.floor(rnd() * 365);
    const date = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
    const debits = 1 + Math.floor(rnd() * 3) - (rnd() < 0.5 ? 0 : 0);
    const lines = [] as PostingInput['lines'];
    let total = 0;
    for (let d = 0; d < Math.min(debits, 3); d++) {
      const amount = 100 + Math.floor(rnd() * 100_000);
      total += amount;
      const account = ACCOUNTS[Math.floor(rnd() * ACCOUNTS.length)];
      lines.push({
        account,
        side: 'debit',
        amountCents: amount,
        sphere: SPHERE_OF[account] ?? 1,
        costCentre: rnd() < 0.3 ? `INI-${Math.floor(rnd() * 20)}` : undefined,
      });
    }
    const credit = [18000, 40450, 40000][Math.floor(rnd() * 3)];
    const sphere = SPHERE_OF[credit] ?? 1;
    lines.push({ account: credit, side: 'credit', amountCents: total, sphere });
    for (const l of lines) if (!SPHERE_OF[l.account]) l.sphere = sphere;
    yield {
      bookedOn: date,
      documentOn: date,
      documentNo: `B-${i}`,
      text: 'Benchmark',
      source: 'manual',
      lines,
    };
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function postAll(
  ledger: LedgerService,
  tx: Transactions,
  orgId: string,
  count: number,
  seed: number,
  batch = 5000,
): Promise<{ seconds: number; lines: number }> {
  let lines = 0;
  let chunk: PostingInput[] = [];
  const started = process.hrtime.bigint();
  const flush = async () => {
    const c = chunk;
    chunk = [];
    await tx.run((m) => ledger.postMany(m, orgId, null, c));
  };
  for (const e of entries(count, seed)) {
    lines += e.lines.length;
    chunk.push(e);
    if (chunk.length === batch) await flush();
  }
  if (chunk.length) await flush();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, lines };
}

/** Baseline: the same lines as plain multi-row INSERTs into a table without rules. */
async function plainInsert(
  superSql: DataSource,
  count: number,
  seed: number,
): Promise<{ seconds: number; lines: number }> {
  await superSql.query(`CREATE TABLE bench_plain_lines (entry_no int, line_no smallint, organisation_id uuid, booked_on date,
    account_number int, side char(1), amount_cents bigint, sphere smallint, cost_centre text)`);
  const org = '00000000-0000-4000-8000-000000000000';
  let rows: unknown[][] = [];
  let lines = 0;
  const started = process.hrtime.bigint();
  const flush = async () => {
    const params: unknown[] = [];
    const values = rows
      .map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(',')})`)
      .join(',');
    await superSql.query(`INSERT INTO bench_plain_lines VALUES ${values}`, params);
    rows = [];
  };
  let n = 0;
  for (const e of entries(count, seed)) {
    n++;
    e.lines.forEach((l, i) =>
      rows.push([
        n,
        i + 1,
        org,
        e.bookedOn,
        l.account,
        l.side === 'debit' ? 'D' : 'C',
        l.amountCents,
        l.sphere ?? 1,
        l.costCentre ?? null,
      ]),
    );
    lines += e.lines.length;
    if (rows.length >= 3000) await flush();
  }
  if (rows.length) await flush();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await superSql.query(`DROP TABLE bench_plain_lines`);
  return { seconds, lines };
}

export async function benchLedger(services: BenchServices): Promise<void> {
  Object.assign(process.env, services.env, { LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '4' });
  const app = await NestFactory.createApplicationContext(LedgerBenchModule, { logger: ['error'] });
  const superSql = await new DataSource({ type: 'postgres', url: services.superUrl }).initialize();
  try {
    const ledger = app.get(LedgerService);
    const reports = app.get(LedgerReportsService);
    const tx = app.get(Transactions);
    const db = app.get(DataSource);
    const [a, b] = [await createOrganisation(db), await createOrganisation(db)];
    const user = await createUser(db, {
      roles: { [a.id]: ['treasurer', 'board'], [b.id]: ['treasurer'] },
    });
    const actor = (orgId: string): Actor => ({
      userId: user.id,
      email: user.email,
      name: 'b',
      isPlatformAdmin: false,
      roles: { [orgId]: ['treasurer', 'board'] },
      initiativeIds: {},
    });
    for (const org of [a, b]) {
      await ledger.installChart(actor(org.id), org.id);
      await ledger.createFiscalYear(actor(org.id), org.id, '2026-01-01');
    }

    // (a) posting throughput against plain INSERTs of the same lines
    const posted = await postAll(ledger, tx, a.id, 100_000, 7);
    const plain = await plainInsert(superSql, 100_000, 7);
    const plainRate = plain.lines / plain.seconds;
    const postedRate = posted.lines / posted.seconds;
    report('plain multi-row INSERT (baseline)', {
      'lines/s': plainRate,
      lines: plain.lines,
      s: plain.seconds,
    });
    report(
      'LedgerService.postMany, 100k entries',
      {
        'lines/s': postedRate,
        'entries/s': 100_000 / posted.seconds,
        ratio: `${((postedRate / plainRate) * 100).toFixed(0)}%`,
      },
      {
        text: '>= 40% of plain INSERT',
        met: postedRate >= 0.4 * plainRate,
      },
    );

    if (process.env.BENCH_LEDGER_POSTING_ONLY) return;

    // (b) fill up: org A to 1M lines, org B to 1M lines (a table of 2M)
    let linesA = posted.lines;
    let seedA = 100;
    while (linesA < 1_000_000) {
      const r = await postAll(
        ledger,
        tx,
        a.id,
        Math.min(50_000, Math.ceil((1_000_000 - linesA) / 3)),
        seedA++,
      );
      linesA += r.lines;
    }
    let linesB = 0;
    let seedB = 500;
    while (linesB < 1_000_000) {
      const r = await postAll(
        ledger,
        tx,
        b.id,
        Math.min(50_000, Math.ceil((1_000_000 - linesB) / 3)),
        seedB++,
      );
      linesB += r.lines;
    }
    await superSql.query('VACUUM ANALYZE');
    const [{ total }] = await db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM journal_lines`,
    );

    const plainTimes: number[] = [];
    let plainRows: { account_number: number; d: number; c: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      plainRows = await db.query(
        `SELECT account_number, sum(amount_cents) FILTER (WHERE side = 'D')::bigint AS d, sum(amount_cents) FILTER (WHERE side = 'C')::bigint AS c
           FROM journal_lines WHERE organisation_id = $1 AND booked_on BETWEEN '2026-01-01' AND '2026-12-31'
          GROUP BY account_number ORDER BY account_number`,
        [a.id],
      );
      plainTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const tbTimes: number[] = [];
    let tb = await reports.trialBalance(actor(a.id), a.id, '2026-01-01', '2026-12-31');
    for (let i = 0; i < 30; i++) {
      const t0 = process.hrtime.bigint();
      tb = await reports.trialBalance(actor(a.id), a.id, '2026-01-01', '2026-12-31');
      tbTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const equal =
      plainRows.length === tb.accounts.length &&
      plainRows.every(
        (r, i) =>
          r.account_number === tb.accounts[i].number &&
          (r.d ?? 0) === tb.accounts[i].debitCents &&
          (r.c ?? 0) === tb.accounts[i].creditCents,
      );
    report('plain GROUP BY over lines (baseline)', {
      'median ms': median(plainTimes),
      lines: linesA,
      'table lines': total,
    });
    report(
      'trial balance (monthly balances)',
      {
        'median ms': median(tbTimes),
        speedup: `${(median(plainTimes) / median(tbTimes)).toFixed(0)}x`,
        equal: String(equal),
      },
      {
        text: '<= 10 ms median, >= 10x faster, equal',
        met: median(tbTimes) <= 10 && median(plainTimes) / median(tbTimes) >= 10 && equal,
      },
    );

    // (c) DATEV export of org A's million lines through the real API, RSS sampled
    await ledger.updateSettings(actor(a.id), a.id, {
      datevConsultantNumber: 29098,
      datevClientNumber: 55003,
    });
    const port = await freePort();
    const api = spawn(process.execPath, [path.resolve(__dirname, '../apps/api/src/main.js')], {
      env: {
        ...process.env,
        ...services.env,
        PORT: String(port),
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const base = `http://127.0.0.1:${port}/api/v1`;
      for (let i = 0; i < 100; i++) {
        if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password }),
      });
      const { token } = (await login.json()) as { token: string };
      const rss = () =>
        Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${api.pid}/status`, 'utf8'))?.[1] ?? 0) /
        1024;
      let peak = rss();
      const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);
      const t0 = process.hrtime.bigint();
      const res = await fetch(
        `${base}/organisations/${a.id}/ledger/exports/datev?from=2026-01-01&to=2026-12-31`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      let bytes = 0;
      let newlines = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 10) newlines++;
      }
      clearInterval(sampler);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      report(
        'DATEV export, 1M lines via HTTP',
        { rows: newlines - 2, MB: bytes / 1e6, s: seconds, 'api peak RSS MB': peak },
        {
          text: 'API RSS < 250 MB',
          met: peak < 250 && res.status === 200,
        },
      );
    } finally {
      api.kill('SIGTERM');
    }
  } finally {
    await superSql.destroy();
    await app.close();
  }
}
