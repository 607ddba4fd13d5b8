import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TRANSIT_ACCOUNT } from '@dachwerk/ledger';

/** A hand booking on 13720 Geldtransit that no statement line has settled yet. */
export interface TransitItem {
  entryId: string;
  bookedOn: string;
  /** Signed: positive when money is expected in, negative when it is expected to go out. */
  amountCents: number;
  text: string;
  source: string;
  /** For a donation: who gave it. */
  donorName: string | null;
  donorIban: string | null;
}

/** All SQL on money in transit: the open hand bookings, and which line settled which. */
@Injectable()
export class TransitRepository {
  /** Open items of an organisation, oldest first; with amounts, only those amounts. */
  open(m: EntityManager, organisationId: string, amounts?: number[]): Promise<TransitItem[]> {
    return m.query(
      `SELECT e.id AS "entryId", to_char(e.booked_on, 'YYYY-MM-DD') AS "bookedOn", x.cents::float8 AS "amountCents",
              e.text, e.source,
              COALESCE(o.organisation_name, concat_ws(' ', o.first_name, o.last_name)) AS "donorName", o.iban AS "donorIban"
         FROM journal_entries e
         CROSS JOIN LATERAL (SELECT sum(CASE WHEN l.side = 'D' THEN l.amount_cents ELSE -l.amount_cents END) AS cents
                               FROM journal_lines l WHERE l.entry_id = e.id AND l.account_number = $2) x
         LEFT JOIN donations d ON e.source = 'donation' AND d.id::text = e.source_id
         LEFT JOIN donors o ON o.id = d.donor_id
        WHERE e.organisation_id = $1 AND e.reverses_entry_id IS NULL AND x.cents <> 0
          AND EXISTS (SELECT 1 FROM journal_lines l WHERE l.entry_id = e.id AND l.account_number = $2)
          AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM transit_settlements s WHERE s.journal_entry_id = e.id)
          AND ($3::bigint[] IS NULL OR x.cents = ANY($3))
        ORDER BY e.booked_on, e.entry_number`,
      [organisationId, TRANSIT_ACCOUNT, amounts ?? null],
    );
  }

  async settle(
    m: EntityManager,
    organisationId: string,
    rows: { entryId: string; bankTransactionId: string; settledByEntryId: string }[],
    userId: string | null,
  ): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO transit_settlements (journal_entry_id, organisation_id, bank_transaction_id, settled_by_entry_id, settled_by)
       SELECT x.entry, $1, x.tx, x.settled, $5 FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS x(entry, tx, settled)`,
      [
        organisationId,
        rows.map((r) => r.entryId),
        rows.map((r) => r.bankTransactionId),
        rows.map((r) => r.settledByEntryId),
        userId,
      ],
    );
  }
}
