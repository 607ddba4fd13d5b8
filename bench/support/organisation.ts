import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LedgerService } from '@dachwerk/ledger';
import type { Actor } from '@dachwerk/shared';
import { createOrganisation, createUser, type UserRow } from '@dachwerk/testing';

export interface BenchOrganisation {
  orgId: string;
  user: UserRow;
  /** The treasurer, for calling services directly. */
  actor: Actor;
}

/**
 * An organisation with a treasurer, the chart of accounts and fiscal year 2026; with
 * `receipts`, also the purposes and exemption notice that receipts need.
 */
export async function benchOrganisation(
  app: INestApplicationContext,
  options: { receipts?: boolean } = {},
): Promise<BenchOrganisation> {
  const db = app.get(DataSource);
  const orgId = (await createOrganisation(db)).id;
  const user = await createUser(db, { roles: { [orgId]: ['treasurer'] } });
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    name: 'b',
    isPlatformAdmin: false,
    roles: { [orgId]: ['treasurer'] },
    initiativeIds: {},
  };
  if (options.receipts) {
    await db.query(`UPDATE organisations SET purposes = '{"der Kultur"}' WHERE id = $1`, [orgId]);
    await db.query(
      `INSERT INTO exemption_notices (organisation_id, kind, issued_on, tax_office) VALUES ($1, 'feststellung_60a', '2025-06-16', 'FA')`,
      [orgId],
    );
  }
  const ledger = app.get(LedgerService);
  await ledger.installChart(actor, orgId);
  await ledger.createFiscalYear(actor, orgId, '2026-01-01');
  return { orgId, user, actor };
}
