import { spawn, ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditModule } from '@dachwerk/audit';
import { DonationImportsService, DonationsModule, ReceiptRunsService } from '@dachwerk/donations';
import { LedgerModule } from '@dachwerk/ledger';
import { SharedModule } from '@dachwerk/shared';
import { benchOrganisation } from './support/organisation';
import { report } from './support/report';
import type { BenchServices } from './support/services';

@Module({ imports: [SharedModule, AuditModule, LedgerModule, DonationsModule] })
class RunBenchModule {}

const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** The annual run: 10,000 donors with two donations each → 10,000 Sammelbestätigungen, two workers. */
export async function benchReceiptRun(services: BenchServices): Promise<void> {
  Object.assign(process.env, services.env, { LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(RunBenchModule, { logger: ['error'] });
  const workers: ChildProcess[] = [];
  try {
    const db = app.get(DataSource);
    const { orgId, actor } = await benchOrganisation(app, { receipts: true });
    const donors = Number(process.env.BENCH_RUN_DONORS ?? 10_000);
    const lines = ['Datum;Betrag;Vorname;Nachname;Straße;PLZ;Ort;Kanal;Zweckbindung;Kostenstelle'];
    for (let i = 0; i < donors * 2; i++) {
      lines.push(
        `${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 9)}.2026;${10 + (i % 90)},00;V${i % donors};Spender${i % donors};Weg 1;70173;Stuttgart;Überweisung;allgemein;`,
      );
    }
    const imports = app.get(DonationImportsService);
    const preview = await imports.preview(actor, orgId, Buffer.from(lines.join('\n')), 'run.csv');
    await imports.commit(actor, orgId, preview.id, false);

    for (let i = 0; i < 2; i++) {
      workers.push(
        spawn(process.execPath, [path.resolve(__dirname, '../apps/worker/src/main.js')], {
          env: { ...process.env, ...services.env, LOG_LEVEL: 'warn' },
          stdio: 'ignore',
        }),
      );
    }
    const runs = app.get(ReceiptRunsService);
    const t0 = process.hrtime.bigint();
    const run = await runs.start(actor, orgId, 2026, 'collective');
    let peak = 0;
    for (;;) {
      for (const w of workers) if (w.pid) peak = Math.max(peak, rssOf(w.pid));
      const [{ pending }] = await db.query<{ pending: number }[]>(
        `SELECT (SELECT count(*) FROM receipt_run_items WHERE run_id = $1 AND status = 'pending')
              + (SELECT count(*) FROM receipts WHERE organisation_id = $2 AND rendered_at IS NULL) AS pending`,
        [run.id, orgId],
      );
      if (Number(pending) === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const done = await runs.get(actor, orgId, run.id);
    report(
      'annual run, Sammelbestätigungen, 2 workers',
      {
        receipts: done.done,
        s: seconds,
        'per hour': (done.done / seconds) * 3600,
        'peak worker RSS MB': peak,
      },
      {
        text: '10,000 in < 180 s, RSS < 300 MB',
        met: done.done === donors && seconds < 180 && peak < 300,
      },
    );
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await app.close();
  }
}
