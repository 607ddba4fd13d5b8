import { Injectable } from '@nestjs/common';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import {
  arrayQuery,
  assertOrganisationRole,
  DomainError,
  type Actor,
  type ExportSink,
  csvText,
} from '@dachwerk/shared';
import { isDatevAutomaticVatAccount } from './chart';
import {
  datevColumnLine,
  datevHeaderLine,
  datevRowLine,
  entryToRows,
  openingBalanceAccount,
  openingBalanceRows,
  SplittableLine,
} from './datev-format';
import { LEDGER_READERS } from './ledger-reports.service';
import { LedgerRepository } from './ledger.repository';
import { checkDateRange } from './posting-rules';

/** Entries per round trip: big enough to amortise it, small enough to keep memory flat. */
const BATCH = 500;

interface ExportEntry {
  id: string;
  entryNumber: number;
  bookedOn: string;
  documentOn: string;
  documentNo: string;
  text: string;
  source: string;
  sourceId: string | null;
  reversesEntryId: string | null;
}

interface ExportLine extends SplittableLine {
  entryId: string;
  lineNo: number;
}

/**
 * Streams the journal in batches of entries (keyset paging), so a year of a million
 * lines goes out with memory bounded by one batch.
 */
@Injectable()
export class LedgerExportService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerRepository,
  ) {}

  /**
   * DATEV EXTF 700 Buchungsstapel; a batch must lie within one fiscal year (DATEV's rule).
   * Opening balances go against the Saldenvortrag account, or stay out when the tax
   * adviser carries the balances forward in DATEV.
   */
  async datev(
    actor: Actor,
    organisationId: string,
    from: string,
    to: string,
    sink: ExportSink,
    options: { openingBalances?: 'include' | 'omit' } = {},
  ): Promise<void> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    checkDateRange(from, to);
    const settings = await this.ledger.settings(this.db, organisationId);
    const missing = [
      settings.datevConsultantNumber === null && 'datevConsultantNumber',
      settings.datevClientNumber === null && 'datevClientNumber',
    ].filter((f): f is string => !!f);
    if (missing.length) {
      throw new DomainError(
        'DATEV_SETTINGS_MISSING',
        `DATEV needs the consultant and client number; set ${missing.join(' and ')} in the ledger settings`,
        { missing },
        409,
      );
    }
    const years = await this.ledger.fiscalYears(this.db, organisationId, from, to);
    if (years.length !== 1 || years[0].startsOn > from || years[0].endsOn < to) {
      throw new DomainError(
        'DATEV_RANGE_NOT_IN_ONE_YEAR',
        'A DATEV batch must lie within one fiscal year',
        {
          field: 'from',
          fiscalYears: years.map((y) => ({ startsOn: y.startsOn, endsOn: y.endsOn })),
        },
        400,
      );
    }
    const year = years[0];
    const opening = openingBalanceAccount(settings.accountLength);
    const withOpening = (options.openingBalances ?? 'include') === 'include';
    const isLocked = year.periods
      .filter((p) => p.endsOn >= from && p.startsOn <= to)
      .every((p) => p.closedAt !== null);
    const encode = (text: string) => iconv.encode(text, 'win1252');
    sink.start('text/csv; charset=windows-1252', `EXTF_Buchungsstapel_${from}_${to}.csv`);
    await sink.write(
      encode(
        `${datevHeaderLine({
          createdAt: new Date(),
          consultantNumber: settings.datevConsultantNumber,
          clientNumber: settings.datevClientNumber,
          fiscalYearStart: year.startsOn,
          accountLength: settings.accountLength,
          from,
          to,
          label: 'Dachwerk Buchungsstapel',
          isLocked,
        })}\r\n${datevColumnLine()}\r\n`,
      ),
    );
    await this.eachBatch(organisationId, from, to, async (entries, lines) => {
      const out: string[] = [];
      for (const entry of entries) {
        const own = lines.get(entry.id) ?? [];
        const rows =
          entry.source !== 'opening-balance'
            ? entryToRows(entry, own)
            : withOpening
              ? openingBalanceRows(entry, own, opening)
              : [];
        for (const row of rows) out.push(datevRowLine(row));
      }
      if (out.length) await sink.write(encode(out.join('\r\n') + '\r\n'));
    });
    sink.end();
  }

  /** The journal as CSV (UTF-8 with BOM, `;`, decimal comma): one row per line. */
  async journalCsv(
    actor: Actor,
    organisationId: string,
    from: string,
    to: string,
    sink: ExportSink,
  ): Promise<void> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    checkDateRange(from, to);
    const amount = (cents: number) =>
      `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    sink.start('text/csv; charset=utf-8', `journal_${from}_${to}.csv`);
    await sink.write(
      Buffer.from(
        '\uFEFFentry_number;booked_on;document_on;document_no;text;line_no;account;side;amount_eur;sphere;cost_centre;source;source_id;reverses_entry_id\r\n',
      ),
    );
    await this.eachBatch(organisationId, from, to, async (entries, lines) => {
      const out: string[] = [];
      for (const e of entries) {
        for (const l of lines.get(e.id) ?? []) {
          out.push(
            [
              e.entryNumber,
              e.bookedOn,
              e.documentOn,
              csvText(e.documentNo),
              csvText(e.text),
              l.lineNo,
              l.account,
              l.side === 'debit' ? 'S' : 'H',
              amount(l.amountCents),
              l.sphere,
              csvText(l.costCentre),
              e.source,
              csvText(e.sourceId),
              csvText(e.reversesEntryId),
            ].join(';'),
          );
        }
      }
      await sink.write(Buffer.from(out.join('\r\n') + '\r\n'));
    });
    sink.end();
  }

  /**
   * Reads entries with their lines, BATCH entries per round trip, keyset-paged by
   * (booked_on, entry_number) — unique per organisation, since a date belongs to one
   * fiscal year — and hands each batch over before reading the next.
   */
  private async eachBatch(
    organisationId: string,
    from: string,
    to: string,
    handle: (entries: ExportEntry[], lines: Map<string, ExportLine[]>) => Promise<void>,
  ): Promise<void> {
    let after: [string, number] = ['0001-01-01', 0];
    for (;;) {
      const rows = await arrayQuery(
        this.db,
        `WITH batch AS (
           SELECT id, entry_number, booked_on, document_on, document_no, text, source, source_id, reverses_entry_id
             FROM journal_entries
            WHERE organisation_id = $1 AND booked_on BETWEEN $2 AND $3
              AND (booked_on, entry_number) > ($4::date, $5::int)
            ORDER BY booked_on, entry_number LIMIT ${BATCH})
         SELECT b.id, b.entry_number, to_char(b.booked_on, 'YYYY-MM-DD'), to_char(b.document_on, 'YYYY-MM-DD'),
                b.document_no, b.text, b.source, b.source_id, b.reverses_entry_id,
                l.line_no, l.account_number, l.side, l.amount_cents, l.sphere, l.cost_centre,
                a.type IN ('income', 'expense'), a.vat_rate_basis_points, a.vat_account
           FROM batch b
           JOIN journal_lines l ON l.entry_id = b.id
           JOIN accounts a ON a.organisation_id = l.organisation_id AND a.number = l.account_number
          ORDER BY b.booked_on, b.entry_number, l.line_no`,
        [organisationId, from, to, after[0], after[1]],
      );
      if (!rows.length) return;
      const entries: ExportEntry[] = [];
      const lines = new Map<string, ExportLine[]>();
      for (const r of rows) {
        const id = r[0] as string;
        let own = lines.get(id);
        if (!own) {
          own = [];
          lines.set(id, own);
          entries.push({
            id,
            entryNumber: r[1] as number,
            bookedOn: r[2] as string,
            documentOn: r[3] as string,
            documentNo: r[4] as string,
            text: r[5] as string,
            source: r[6] as string,
            sourceId: r[7] as string | null,
            reversesEntryId: r[8] as string | null,
          });
        }
        own.push({
          entryId: id,
          lineNo: r[9] as number,
          account: r[10] as number,
          side: r[11] === 'D' ? 'debit' : 'credit',
          amountCents: r[12] as number,
          sphere: r[13] as number,
          costCentre: r[14] as string | null,
          isResultAccount: r[15] as boolean,
          vat:
            r[16] === null
              ? null
              : { rateBasisPoints: r[16] as number, taxAccount: r[17] as number },
          isDatevAutomatic: isDatevAutomaticVatAccount(r[10] as number),
        });
      }
      await handle(entries, lines);
      const last = entries[entries.length - 1];
      after = [last.bookedOn, last.entryNumber];
    }
  }
}
