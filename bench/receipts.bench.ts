import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditModule } from '@dachwerk/audit';
import {
  DonationsModule,
  DonationsService,
  ReceiptsService,
  renderReceiptPdf,
  type ReceiptContent,
} from '@dachwerk/donations';
import { LedgerModule } from '@dachwerk/ledger';
import { JobQueue, SharedModule, type Actor } from '@dachwerk/shared';
import { benchOrganisation } from './support/organisation';
import { spawn, ChildProcess } from 'node:child_process';
import path from 'node:path';
import { report } from './support/report';
import type { BenchServices } from './support/services';

@Module({ imports: [SharedModule, AuditModule, LedgerModule, DonationsModule] })
class ReceiptsBenchModule {}

const SAMPLE: ReceiptContent = {
  number: '2026-000042',
  kind: 'money',
  issuedOn: '2026-11-26',
  issuer: {
    name: 'Bürgerengagement Stuttgart e.V.',
    street: 'Marktplatz 1',
    postalCode: '70173',
    city: 'Stuttgart',
    purposes: ['des bürgerschaftlichen Engagements'],
    isMachineSigned: true,
  },
  donor: {
    name: 'Jürgen Groß',
    street: 'Königstraße 1',
    postalCode: '70173',
    city: 'Stuttgart',
    country: 'DE',
  },
  totalCents: 12000,
  totalInWords: 'einhundertzwanzig Euro',
  receivedOn: '2026-03-02',
  isWaiver: false,
  items: [],
  exemption: {
    kind: 'feststellung_60a',
    taxOffice: 'Finanzamt Stuttgart',
    taxNumber: '99015/12345',
    issuedOn: '2025-06-16',
  },
  replacesNumber: null,
};

async function rate(count: number, render: () => Promise<Buffer>): Promise<number> {
  await render();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await render();
  return count / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/** CPU seconds of a process so far (user + system, all its threads). */
const cpuOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
/** CPU seconds the whole machine spent busy so far. */
const machineBusy = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[5] + f[6]) / 100;
};

const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Receipts issued now, rendered by `workers` real worker processes; returns receipts/s and peak RSS. */
async function fullPath(
  services: BenchServices,
  receipts: ReceiptsService,
  db: DataSource,
  orgId: string,
  actor: Actor,
  count: number,
  workers: number,
  queue: JobQueue,
) {
  const ids = await db.query<{ id: string }[]>(
    `SELECT d.id FROM donations d WHERE d.organisation_id = $1 AND NOT EXISTS (SELECT 1 FROM receipt_items i WHERE i.donation_id = d.id) LIMIT $2`,
    [orgId, count],
  );
  const procs: ChildProcess[] = [];
  // Workers first, and ready; then the receipts are issued into the paused queue and the
  // clock starts when it resumes — so the figure is the worker side alone (load → render
  // → store → mark done), not process start-up or issuing.
  const documents = queue.queue('documents');
  for (let i = 0; i < workers; i++) {
    procs.push(
      spawn(process.execPath, [path.resolve(__dirname, '../apps/worker/src/main.js')], {
        env: { ...process.env, ...services.env, LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      }),
    );
  }
  while ((await documents.getWorkers()).length < workers)
    await new Promise((r) => setTimeout(r, 100));
  await documents.pause();
  for (const { id } of ids) await receipts.issue(actor, orgId, [id]);
  // Their jobs reach the paused queue from the outbox before the clock starts.
  for (;;) {
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM job_outbox WHERE delivered_at IS NULL`,
    );
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const workerCpu0 = procs.reduce((sum, p) => sum + cpuOf(p.pid!), 0);
  const busy0 = machineBusy();
  const started = process.hrtime.bigint();
  await documents.resume();
  let peak = 0;
  let workerCpu = 0;
  let busy = 0;
  try {
    for (;;) {
      for (const p of procs) if (p.pid) peak = Math.max(peak, rssOf(p.pid));
      const [{ n }] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM receipts WHERE organisation_id = $1 AND rendered_at IS NULL`,
        [orgId],
      );
      if (n === 0) {
        workerCpu = procs.reduce((sum, p) => sum + cpuOf(p.pid!), 0) - workerCpu0;
        busy = machineBusy() - busy0;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    // Gone before the next measurement, so their queue connections are not counted as ready workers.
    await Promise.all(
      procs.map(
        (p) =>
          new Promise((resolve) =>
            p.exitCode !== null ? resolve(null) : (p.once('exit', resolve), p.kill('SIGTERM')),
          ),
      ),
    );
  }
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  // Cores the workers kept busy, and the whole machine (Postgres, Redis, this process too).
  return {
    perSecond: count / wall,
    peak,
    workerCores: workerCpu / wall,
    machineCores: busy / wall,
  };
}

export async function benchReceipts(services: BenchServices): Promise<void> {
  const builtin = await rate(200, () => renderReceiptPdf(SAMPLE, { fontMode: 'builtin' }));
  const reparse = await rate(50, () => renderReceiptPdf(SAMPLE, { fontMode: 'reparse' }));
  const embedded = await rate(200, () => renderReceiptPdf(SAMPLE));
  report('(a) pdfkit, built-in font (limit)', { 'pdf/s': builtin });
  report('(b) TTF parsed for every document', { 'pdf/s': reparse });
  report('    TTF parsed once, reused', {
    'pdf/s': embedded,
    'of (a)': `${((embedded / builtin) * 100).toFixed(0)}%`,
  });

  Object.assign(process.env, services.env, { LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(ReceiptsBenchModule, {
    logger: ['error'],
  });
  try {
    const db = app.get(DataSource);
    const receipts = app.get(ReceiptsService);
    const { orgId, actor } = await benchOrganisation(app, { receipts: true });
    const [{ id: donorId }] = await db.query<{ id: string }[]>(
      `INSERT INTO donors (organisation_id, kind, last_name, street, postal_code, city) VALUES ($1, 'person', 'Bench', 'Weg 1', '70173', 'Stuttgart') RETURNING id`,
      [orgId],
    );
    const donations = app.get(DonationsService);
    const count = Number(process.env.BENCH_RECEIPTS ?? 600);
    for (let i = 0; i < count * 2; i++) {
      await donations.record(actor, orgId, {
        donorId,
        kind: 'money',
        channel: 'transfer',
        receivedOn: '2026-03-01',
        amountCents: 1000 + i,
        earmark: 'general',
      });
    }
    const queue = app.get(JobQueue);
    const one = await fullPath(services, receipts, db, orgId, actor, count, 1, queue);
    const two = await fullPath(services, receipts, db, orgId, actor, count, 2, queue);
    report(
      '(c) job→load→render→store, 1 worker',
      {
        'receipts/s': one.perSecond,
        'of (a)': `${((one.perSecond / builtin) * 100).toFixed(0)}%`,
        'peak RSS MB': one.peak,
        'worker cores': one.workerCores,
        'machine cores': one.machineCores,
      },
      {
        text: '>= 50% of (a), RSS < 300 MB',
        met: one.perSecond >= 0.5 * builtin && one.peak < 300,
      },
    );
    report(
      '(c) same, 2 workers',
      {
        'receipts/s': two.perSecond,
        'vs 1': `${Math.round((two.perSecond / one.perSecond) * 100) / 100}x`,
        'peak RSS MB': two.peak,
        'worker cores': two.workerCores,
        'machine cores': two.machineCores,
        of: `${cpus().length} cores`,
      },
      {
        text: '>= 1.6x one worker',
        met: two.perSecond >= 1.6 * one.perSecond,
      },
    );
  } finally {
    await app.close();
  }
}
