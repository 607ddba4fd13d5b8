import { spawn } from 'node:child_process';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditModule } from '@dachwerk/audit';
import { FundingModule, FundsService } from '@dachwerk/funding';
import { LedgerService, type PostingInput } from '@dachwerk/ledger';
import { InitiativesService } from '@dachwerk/organisations';
import { SharedModule, todayIso, type Actor } from '@dachwerk/shared';
import { createOrganisation, createUser, freePort } from '@dachwerk/testing';
import { report } from './support/report';
import type { BenchServices } from './support/services';

@Module({ imports: [SharedModule, AuditModule, FundingModule] })
class FundingBenchModule {}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

/**
 * Issue 7: (a) the fund statement of an initiative with 100,000 movements — goal under
 * 100 ms median — against touching every movement once (a count over its lines);
 * (b) 200 concurrent payout approvals on one fund through the HTTP API — no overdraft,
 * goal at least 100 approvals/s — against 200 concurrent GET /auth/me on the same API.
 */
export async function benchFunding(services: BenchServices): Promise<void> {
  Object.assign(process.env, services.env, { LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(FundingBenchModule, { logger: ['error'] });
  const year = todayIso().slice(0, 4);
  let orgId: string;
  let staffUser: { id: string; email: string; password: string };
  let treasurerUser: { id: string; email: string; password: string };
  let approveFund: { id: string; costCentre: string };
  try {
    const db = app.get(DataSource);
    orgId = (await createOrganisation(db)).id;
    treasurerUser = await createUser(db, { roles: { [orgId]: ['treasurer'] } });
    staffUser = await createUser(db, { roles: { [orgId]: ['staff', 'board'] } });
    const actor = (u: { id: string; email: string }, roles: Actor['roles'][string]): Actor => ({
      userId: u.id,
      email: u.email,
      name: 'b',
      isPlatformAdmin: false,
      roles: { [orgId]: roles },
      initiativeIds: {},
    });
    const treasurer = actor(treasurerUser, ['treasurer']);
    const staff = actor(staffUser, ['staff', 'board']);
    const ledger = app.get(LedgerService);
    await ledger.installChart(treasurer, orgId);
    await ledger.createFiscalYear(treasurer, orgId, `${year}-01-01`);
    const initiatives = app.get(InitiativesService);
    const big = await initiatives.create(staff, orgId, {
      name: 'Große Initiative',
      purpose: 'Viele Buchungen',
      taxPurpose: 'Engagement',
      costCentre: 'INI-BIG',
      status: 'active',
      agreementSignedOn: '2025-01-01',
    });

    // 50,000 donations with their 5 % fee: 100,000 movements on the cost centre (set-up, not measured).
    const movements = Number(process.env.BENCH_FUND_MOVEMENTS ?? 100_000);
    const month = Number(todayIso().slice(5, 7));
    for (let done = 0; done < movements / 2; done += 5_000) {
      const batch: PostingInput[] = Array.from(
        { length: Math.min(5_000, movements / 2 - done) },
        (_, i) => {
          const day = `${year}-${String(1 + ((done + i) % month)).padStart(2, '0')}-${String(1 + ((done + i) % 28)).padStart(2, '0')}`;
          const amount = 1_000 + ((done + i) % 9_000);
          const fee = Math.round(amount / 20);
          return {
            bookedOn: day > todayIso() ? todayIso() : day,
            documentOn: day > todayIso() ? todayIso() : day,
            documentNo: `SP-${done + i}`,
            text: 'Spende',
            source: 'donation',
            // A domain's entry names its record; the bench books no donation rows.
            sourceId: `bench-${done + i}`,
            lines: [
              { account: 18000, side: 'debit', amountCents: amount, sphere: 1 },
              {
                account: 40450,
                side: 'credit',
                amountCents: amount,
                sphere: 1,
                costCentre: 'INI-BIG',
              },
              { account: 63010, side: 'debit', amountCents: fee, sphere: 1, costCentre: 'INI-BIG' },
              { account: 49920, side: 'credit', amountCents: fee, sphere: 1 },
            ],
          };
        },
      );
      await db.transaction((m) => ledger.postMany(m, orgId, treasurer.userId, batch));
    }
    const funds = app.get(FundsService);
    const timings: number[] = [];
    const scans: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = process.hrtime.bigint();
      await funds.statement(staff, orgId, big.id, { page: 1, pageSize: 50, year: Number(year) });
      timings.push(ms(t0));
      const t1 = process.hrtime.bigint();
      await db.query(
        `SELECT count(*) FROM journal_lines WHERE organisation_id = $1 AND cost_centre = 'INI-BIG'`,
        [orgId],
      );
      scans.push(ms(t1));
    }
    const statement = await funds.statement(staff, orgId, big.id, {
      page: 1,
      pageSize: 50,
      year: Number(year),
    });
    report(
      'fund statement (100k movements)',
      {
        movements: statement.movements.total,
        'median ms': median(timings.slice(1)),
        'count-all-lines ms (ref.)': median(scans.slice(1)),
      },
      {
        text: 'under 100 ms median',
        met: statement.movements.total >= movements && median(timings.slice(1)) < 100,
      },
    );

    approveFund = await initiatives.create(staff, orgId, {
      name: 'Knappe Initiative',
      purpose: 'Wenig Geld',
      taxPurpose: 'Engagement',
      costCentre: 'INI-TIGHT',
      status: 'active',
      agreementSignedOn: '2025-01-01',
    });
    await funds.addInflow(treasurer, orgId, approveFund.id, {
      amountCents: 150 * 10_000,
      receivedOn: todayIso(),
      source: 'Zuschuss',
    });
    await db.query(
      `INSERT INTO expense_claims (id, organisation_id, initiative_id, kind, description, amount_cents, payee_name, payee_iban, status, submitted_by, end_to_end_id)
       SELECT gen_random_uuid(), $1, $2, 'invoice', 'Material ' || n, 10000, 'Laden', 'DE02120300000000202051', 'submitted', $3, 'CB' || n
         FROM generate_series(1, 200) n`,
      [orgId, approveFund.id, staffUser.id],
    );
  } finally {
    await app.close();
  }

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
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) break;
      if (i > 300) throw new Error('API did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: treasurerUser.email, password: treasurerUser.password }),
    });
    const headers = {
      authorization: `Bearer ${((await login.json()) as { token: string }).token}`,
    };
    const db = await new DataSource({
      type: 'postgres',
      url: services.env.DATABASE_URL,
    }).initialize();
    const claimIds = (
      await db.query<{ id: string }[]>(`SELECT id FROM expense_claims WHERE initiative_id = $1`, [
        approveFund.id,
      ])
    ).map((r) => r.id);

    await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${base}/auth/me`, { headers }).then((r) => r.text())),
    ); // warm-up
    const t0 = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`${base}/auth/me`, { headers }).then((r) => r.text()),
      ),
    );
    const baselineMs = ms(t0);

    const t1 = process.hrtime.bigint();
    const answers = await Promise.all(
      claimIds.map((id) =>
        fetch(`${base}/organisations/${orgId}/expense-claims/${id}/approve`, {
          method: 'POST',
          headers,
        }).then(async (r) => ({
          status: r.status,
          code: ((await r.json()) as { code?: string }).code,
        })),
      ),
    );
    const approveMs = ms(t1);
    const approved = answers.filter((a) => a.status === 201).length;
    const insufficient = answers.filter(
      (a) => a.status === 409 && a.code === 'FUND_INSUFFICIENT',
    ).length;
    const [{ balance }] = await db.query<{ balance: string }[]>(
      `SELECT COALESCE(sum(CASE l.side WHEN 'C' THEN l.amount_cents ELSE -l.amount_cents END), 0) AS balance
         FROM journal_lines l JOIN accounts a ON a.organisation_id = l.organisation_id AND a.number = l.account_number
        WHERE l.organisation_id = $1 AND l.cost_centre = 'INI-TIGHT' AND a.type IN ('income', 'expense')`,
      [orgId],
    );
    await db.destroy();
    report('200 x GET /auth/me at once (ref.)', {
      'req/s': 200 / (baselineMs / 1000),
      ms: baselineMs,
    });
    report(
      '200 concurrent approvals, 1 fund',
      {
        approved,
        refused: insufficient,
        'fund after': Number(balance),
        'approvals/s': approved / (approveMs / 1000),
        'answers/s': 200 / (approveMs / 1000),
        ms: approveMs,
      },
      {
        text: 'no overdraft (150 of 200 fit), >= 100 approvals/s',
        met:
          approved === 150 &&
          insufficient === 50 &&
          Number(balance) === 0 &&
          approved / (approveMs / 1000) >= 100,
      },
    );
  } finally {
    api.kill('SIGTERM');
  }
}
