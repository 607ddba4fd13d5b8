import { Injectable } from '@nestjs/common';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { assertOrganisationRole, DomainError, type Actor, type ExportSink } from '@dachwerk/shared';
import {
  datevColumnLine,
  datevHeaderLine,
  datevRowLine,
  entryToRows,
  SplittableLine,
} from './datev-format';
import { LEDGER_READERS } from './ledger-reports.service';
import { LedgerRepository } from './ledger.repository';
import { checkDateRange } from './posting-rules';

const BATCH = 2000;

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

  /** DATEV EXTF 700 Buchungsstapel; a batch must lie within one fiscal year (DATEV's rule). */
  async datev(
    actor: Actor,
    organisationId: string,
    from: string,
    to: string,
    sink: ExportSink,
  ): Promise<void> {
    assertOrganisationRole(actor, organisationId, LEDGER_READERS);
    checkDateRange(from, to);
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
    const settings = await this.ledger.settings(this.db, organisationId);
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
        for (const row of entryToRows(entry, lines.get(entry.id) ?? []))
          out.push(datevRowLine(row));
      }
      await sink.write(encode(out.join('\r\n') + '\r\n'));
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
    const cell = (v: string | number | null) =>
      typeof v === 'number' ? String(v) : v === null ? '' : `"${v.replace(/"/g, '""')}"`;
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
              cell(e.documentNo),
              cell(e.text),
              l.lineNo,
              l.account,
              l.side === 'debit' ? 'S' : 'H',
              amount(l.amountCents),
              l.sphere,
              cell(l.costCentre),
              e.source,
              cell(e.sourceId),
              cell(e.reversesEntryId),
            ].join(';'),
          );
        }
      }
      await sink.write(Buffer.from(out.join('\r\n') + '\r\n'));
    });
    sink.end();
  }

  private async eachBatch(
    organisationId: string,
    from: string,
    to: string,
    handle: (entries: ExportEntry[], lines: Map<string, ExportLine[]>) => Promise<void>,
  ): Promise<void> {
    let after: { bookedOn: string; fiscalYearId: string; entryNumber: number } = {
      bookedOn: '0001-01-01',
      fiscalYearId: '00000000-0000-0000-0000-000000000000',
      entryNumber: 0,
    };
    for (;;) {
      const entries = await this.db.query<(ExportEntry & { fiscalYearId: string })[]>(
        `SELECT id, fiscal_year_id AS "fiscalYearId", entry_number AS "entryNumber",
                to_char(booked_on, 'YYYY-MM-DD') AS "bookedOn", to_char(document_on, 'YYYY-MM-DD') AS "documentOn",
                document_no AS "documentNo", text, source, source_id AS "sourceId", reverses_entry_id AS "reversesEntryId"
           FROM journal_entries
          WHERE organisation_id = $1 AND booked_on BETWEEN $2 AND $3
            AND (booked_on, fiscal_year_id, entry_number) > ($4::date, $5::uuid, $6::int)
          ORDER BY booked_on, fiscal_year_id, entry_number LIMIT ${BATCH}`,
        [organisationId, from, to, after.bookedOn, after.fiscalYearId, after.entryNumber],
      );
      if (!entries.length) return;
      const rows = await this.db.query<(Omit<ExportLine, 'side'> & { side: 'D' | 'C' })[]>(
        `SELECT l.entry_id AS "entryId", l.line_no AS "lineNo", l.account_number AS account, l.side,
                l.amount_cents AS "amountCents", l.sphere, l.cost_centre AS "costCentre",
                a.type IN ('income', 'expense') AS "isResultAccount"
           FROM journal_lines l JOIN accounts a ON a.organisation_id = l.organisation_id AND a.number = l.account_number
          WHERE l.entry_id = ANY($1::uuid[]) ORDER BY l.entry_id, l.line_no`,
        [entries.map((e) => e.id)],
      );
      const lines = new Map<string, ExportLine[]>();
      for (const row of rows) {
        const list = lines.get(row.entryId) ?? [];
        list.push({ ...row, side: row.side === 'D' ? 'debit' : 'credit' });
        lines.set(row.entryId, list);
      }
      await handle(entries, lines);
      const last = entries[entries.length - 1];
      after = {
        bookedOn: last.bookedOn,
        fiscalYearId: last.fiscalYearId,
        entryNumber: last.entryNumber,
      };
    }
  }
}
