import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditModule } from '@dachwerk/audit';
import { DonationImportsService, DonationsModule } from '@dachwerk/donations';
import { LedgerModule } from '@dachwerk/ledger';
import { SharedModule } from '@dachwerk/shared';
import { benchOrganisation } from './support/organisation';
import { report } from './support/report';
import type { BenchServices } from './support/services';

@Module({ imports: [SharedModule, AuditModule, LedgerModule, DonationsModule] })
class DonationsBenchModule {}

/** CSV import of 50,000 donations (5,000 donors), booked; goal ≥ 2,000 donations/s. */
export async function benchDonationImport(services: BenchServices): Promise<void> {
  Object.assign(process.env, services.env, { LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(DonationsBenchModule, {
    logger: ['error'],
  });
  try {
    const db = app.get(DataSource);
    const { orgId, actor } = await benchOrganisation(app);
    await db.query(
      `INSERT INTO initiatives (organisation_id, name, purpose, tax_purpose, cost_centre, status, agreement_signed_on, fee_basis_points)
       VALUES ($1, 'Gemeinschaftsgarten', 'Garten für alle', 'Umweltschutz', 'INI-GARTEN', 'active', '2025-01-01', 500)`,
      [orgId],
    );
    const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
    const lines = ['Datum;Betrag;Vorname;Nachname;Straße;PLZ;Ort;Kanal;Zweckbindung;Kostenstelle'];
    for (let i = 0; i < rows; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + (i % 10)).padStart(2, '0');
      lines.push(
        `${day}.${month}.2026;${5 + (i % 200)},${String(i % 100).padStart(2, '0')};Vorname${i % 5000};Spender${i % 5000};Weg ${i % 90};${70000 + (i % 5000)};Stuttgart;Überweisung;${i % 4 === 0 ? 'initiative;INI-GARTEN' : 'allgemein;'}`,
      );
    }
    const file = Buffer.from(lines.join('\r\n'));
    const imports = app.get(DonationImportsService);
    const t0 = process.hrtime.bigint();
    const preview = await imports.preview(actor, orgId, file, 'bench.csv');
    const t1 = process.hrtime.bigint();
    await imports.commit(actor, orgId, preview.id, false);
    const t2 = process.hrtime.bigint();
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM donations WHERE organisation_id = $1`,
      [orgId],
    );
    const total = Number(t2 - t0) / 1e9;
    report(
      'donation CSV import (preview + commit)',
      {
        rows: n,
        'preview s': Number(t1 - t0) / 1e9,
        'commit s': Number(t2 - t1) / 1e9,
        'donations/s': n / total,
      },
      {
        text: '>= 2,000 donations/s, all booked',
        met: n === rows && n / total >= 2000,
      },
    );
  } finally {
    await app.close();
  }
}
