import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { LedgerService, type PostingInput } from '@dachwerk/ledger';
import {
  addDays,
  assertOrganisationRole,
  assertSchemaValid,
  Clock,
  DocumentStore,
  DomainError,
  germanPeriod,
  isTargetBusinessDay,
  JobQueue,
  nextTargetBusinessDay,
  notFound,
  pageOf,
  pageWindow,
  Transactions,
  uuidv7,
  type Actor,
  type DatedPageQueryDto,
  type Page,
} from '@dachwerk/shared';
import type { CreateFeeRunDto } from './dto/membership.dto';
import { dueFees, type FeeInterval } from './fee-calculation';
import { mandateUsableOn } from './mandates.service';
import { NewReceivable, ReceivableRepository } from './receivable.repository';
import { buildPain008, type DirectDebit } from './sepa/pain008';
import { MEMBERSHIP_READERS } from './tiers.service';
import type { TierRate } from './tier.repository';

export interface FeeRun {
  id: string;
  periodStart: string;
  periodEnd: string;
  collectionDate: string;
  receivableCount: number;
  totalCents: number;
  debitCount: number;
  debitTotalCents: number;
  sepaMessageId: string | null;
  sepaSha256: string | null;
  noticesReady: boolean;
  createdAt: Date;
}

/** What a fee run would raise: its totals and one line per receivable, nothing booked. */
export interface FeeRunPreview {
  periodStart: string;
  periodEnd: string;
  collectionDate: string;
  receivableCount: number;
  totalCents: number;
  debitCount: number;
  debitTotalCents: number;
  items: {
    memberNo: string;
    memberName: string;
    description: string;
    amountCents: number;
    dueOn: string;
    byDirectDebit: boolean;
  }[];
}

/** Receivable and income accounts of SKR 42 for fees (docs/DOMAIN.md §4). */
export const FEE_ACCOUNTS = { receivable: 12100, fee: 40000, admission: 40100 } as const;

const RUN_SELECT = `SELECT id, to_char(period_start, 'YYYY-MM-DD') AS "periodStart", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd",
    to_char(collection_date, 'YYYY-MM-DD') AS "collectionDate", receivable_count AS "receivableCount", total_cents::bigint::float8 AS "totalCents",
    debit_count AS "debitCount", debit_total_cents::float8 AS "debitTotalCents", sepa_message_id AS "sepaMessageId",
    sepa_sha256 AS "sepaSha256", notices_document_path IS NOT NULL AS "noticesReady", created_at AS "createdAt"
  FROM fee_runs`;

interface Candidate {
  id: string;
  memberNo: string;
  name: string;
  joinedOn: string;
  leftOn: string | null;
  segments: { startsOn: string; tierId: string; reduced: boolean }[];
}

interface TierForFees {
  id: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  interval: FeeInterval;
  proRata: boolean;
  rates: TierRate[];
}

interface UsableMandate {
  id: string;
  memberId: string;
  reference: string;
  signedOn: string;
  debtorName: string;
  iban: string;
  bic: string | null;
  lastUsedOn: string | null;
  revokedOn: string | null;
}

/**
 * Fee runs: due fees become receivables, each booked (12100 against 40000/40100,
 * sphere 1) in one transaction; fees of members with a usable mandate go into one
 * pain.008.001.08 file, checked against the official schema before it is stored.
 * A second run over the same period raises nothing twice (unique per member, kind
 * and period).
 */
@Injectable()
export class FeeRunsService {
  constructor(
    private readonly clock: Clock,
    private readonly receivables: ReceivableRepository,
    private readonly ledger: LedgerService,
    private readonly transactions: Transactions,
    private readonly documents: DocumentStore,
    private readonly queue: JobQueue,
    private readonly audit: AuditService,
  ) {}

  /** Runs, newest first; from/to select runs whose fee period overlaps the range. */
  async list(
    actor: Actor,
    organisationId: string,
    query: DatedPageQueryDto,
  ): Promise<Page<FeeRun>> {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    const { skip, take } = pageWindow(query);
    const db = this.receivables.db;
    const where = `organisation_id = $1 AND ($2::date IS NULL OR period_end >= $2) AND ($3::date IS NULL OR period_start <= $3)`;
    const params = [organisationId, query.from ?? null, query.to ?? null];
    const items = await db.query<FeeRun[]>(
      `${RUN_SELECT} WHERE ${where} ORDER BY created_at DESC, id OFFSET $4 LIMIT $5`,
      [...params, skip, take],
    );
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM fee_runs WHERE ${where}`,
      params,
    );
    return pageOf(items, n, query);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<FeeRun> {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    const [run] = await this.receivables.db.query<FeeRun[]>(
      `${RUN_SELECT} WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (!run) throw notFound('Fee run', id);
    return run;
  }

  async sepaFile(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<{ filename: string; content: Buffer }> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    const [run] = await this.receivables.db.query<
      { path: string | null; sha: string | null; msg: string | null }[]
    >(
      `SELECT sepa_document_path AS path, sepa_sha256 AS sha, sepa_message_id AS msg FROM fee_runs WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (!run) throw notFound('Fee run', id);
    if (!run.path)
      throw new DomainError('NO_DIRECT_DEBITS', 'This fee run has no direct debits', {}, 404);
    return {
      filename: `${run.msg}.xml`,
      content: await this.documents.get(run.path, Buffer.from(run.sha!, 'hex')),
    };
  }

  async noticesPdf(actor: Actor, organisationId: string, id: string): Promise<Buffer> {
    assertOrganisationRole(actor, organisationId, ['treasurer', 'staff']);
    const [run] = await this.receivables.db.query<{ path: string | null; sha: string | null }[]>(
      `SELECT notices_document_path AS path, notices_sha256 AS sha FROM fee_runs WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    if (!run) throw notFound('Fee run', id);
    if (!run.path)
      throw new DomainError(
        'DOCUMENT_NOT_READY',
        'The letters are being rendered; try again shortly',
        {},
        409,
      );
    return this.documents.get(run.path, Buffer.from(run.sha!, 'hex'));
  }

  /** Pre-notifications (SEPA: amount and date before the debit) as a list. */
  async preNotifications(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<Record<string, unknown>[]> {
    assertOrganisationRole(actor, organisationId, ['treasurer', 'staff']);
    await this.get(actor, organisationId, id);
    return this.receivables.db.query<Record<string, unknown>[]>(preNotificationsSql, [
      organisationId,
      id,
    ]);
  }

  async create(actor: Actor, organisationId: string, input: CreateFeeRunDto): Promise<FeeRun> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    this.checkDates(input);
    return this.transactions.run(async (m) => {
      const run = await this.raise(m, organisationId, actor.userId, input);
      await this.queue.enqueue(
        m,
        'membership.letters',
        { kind: 'pre-notification', runId: run.id },
        { jobId: `fee-run-notices-${run.id}` },
      );
      return run;
    });
  }

  /**
   * What a run with these dates would raise, without raising it: the same code as
   * `create`, in a transaction that is rolled back, and no SEPA file stored.
   */
  async preview(
    actor: Actor,
    organisationId: string,
    input: CreateFeeRunDto,
  ): Promise<FeeRunPreview> {
    assertOrganisationRole(actor, organisationId, ['treasurer', 'staff']);
    this.checkDates(input);
    const rollback = new Error('fee-run preview');
    let preview: FeeRunPreview | undefined;
    await this.transactions
      .run(async (m) => {
        const run = await this.raise(m, organisationId, actor.userId, input, { dryRun: true });
        const items = await m.query<FeeRunPreview['items']>(
          `SELECT mb.member_no AS "memberNo", COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS "memberName",
                  r.description, r.amount_cents::float8 AS "amountCents", to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
                  r.mandate_id IS NOT NULL AS "byDirectDebit"
             FROM receivables r JOIN members mb ON mb.id = r.member_id
            WHERE r.fee_run_id = $1 ORDER BY mb.member_no, r.period_start`,
          [run.id],
        );
        preview = {
          periodStart: run.periodStart,
          periodEnd: run.periodEnd,
          collectionDate: run.collectionDate,
          receivableCount: run.receivableCount,
          totalCents: run.totalCents,
          debitCount: run.debitCount,
          debitTotalCents: run.debitTotalCents,
          items,
        };
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    return preview!;
  }

  private checkDates(input: CreateFeeRunDto): void {
    if (input.periodEnd < input.periodStart)
      throw new DomainError('PERIOD_REVERSED', 'periodEnd lies before periodStart', {
        field: 'periodEnd',
      });
    if (input.periodEnd > addDays(input.periodStart, 366))
      throw new DomainError('PERIOD_TOO_LONG', 'A fee run covers at most one year', {
        field: 'periodEnd',
      });
    const earliest = addDays(this.clock.today(), input.preNotificationDays ?? 14);
    if (input.collectionDate < earliest)
      throw new DomainError(
        'COLLECTION_TOO_EARLY',
        `With pre-notification the earliest collection date is ${earliest}`,
        {
          field: 'collectionDate',
          earliest,
        },
      );
    if (!isTargetBusinessDay(input.collectionDate))
      throw new DomainError(
        'COLLECTION_NOT_BUSINESS_DAY',
        `The collection date must be a TARGET business day, e.g. ${nextTargetBusinessDay(input.collectionDate)}`,
        {
          field: 'collectionDate',
          suggestedDate: nextTargetBusinessDay(input.collectionDate),
        },
      );
  }

  /** The whole run in the caller's transaction: receivables, bookings, SEPA file. */
  async raise(
    m: EntityManager,
    organisationId: string,
    userId: string | null,
    input: CreateFeeRunDto,
    options: { dryRun?: boolean } = {},
  ): Promise<FeeRun> {
    // One run at a time per organisation, so two runs never raise the same fee.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('fee_run:' || $1))`, [organisationId]);
    const [org] = await m.query<
      { name: string; creditorId: string | null; iban: string | null; bic: string | null }[]
    >(
      `SELECT o.name, o.sepa_creditor_id AS "creditorId", b.iban, b.bic FROM organisations o
         LEFT JOIN organisation_bank_accounts b ON b.organisation_id = o.id AND b.is_default WHERE o.id = $1`,
      [organisationId],
    );
    const candidates = await this.candidates(m, organisationId, input.periodStart, input.periodEnd);
    const tiers = await this.tiersFor(m, organisationId);
    const raisedKeys = await this.raisedKeys(
      m,
      candidates.map((c) => c.id),
      input.periodStart,
      input.periodEnd,
    );
    const mandates = await this.usableMandates(m, organisationId, input.collectionDate);

    const runId = uuidv7();
    const receivables: NewReceivable[] = [];
    const bookings: PostingInput[] = [];
    const debits: DirectDebit[] = [];
    const usedMandates = new Set<string>();
    for (const c of candidates) {
      const mandate = mandates.get(c.id);
      for (let s = 0; s < c.segments.length; s++) {
        const seg = c.segments[s];
        const segEnd = c.segments[s + 1]
          ? addDays(c.segments[s + 1].startsOn, -1)
          : input.periodEnd;
        const from = seg.startsOn > input.periodStart ? seg.startsOn : input.periodStart;
        const to = segEnd < input.periodEnd ? segEnd : input.periodEnd;
        if (from > to) continue;
        const tier = tiers.get(seg.tierId)!;
        const fees = dueFees(
          {
            joinedOn: c.joinedOn,
            leftOn: c.leftOn,
            interval: tier.interval,
            proRata: tier.proRata,
            reduced: seg.reduced,
            rates: tier.rates,
          },
          from,
          to,
        );
        for (const fee of fees) {
          if (raisedKeys.has(`${c.id}|${fee.kind}|${fee.periodStart}`)) continue;
          // A tier outside its validity raises nothing; staff move its members to the successor tier.
          if (fee.dueOn < tier.validFrom || (tier.validTo && fee.dueOn > tier.validTo)) continue;
          const id = uuidv7();
          // Proper German: the letters print it; the SEPA file spells it in its own set.
          const label =
            fee.kind === 'admission'
              ? 'Aufnahmegebühr'
              : `Beitrag ${germanPeriod(fee.periodStart, fee.periodEnd)}`;
          const description = `${label} ${c.memberNo} ${tier.name}`.slice(0, 140);
          const dueOn = fee.dueOn > input.collectionDate ? fee.dueOn : input.collectionDate;
          const endToEndId = `R${id.replace(/-/g, '')}`;
          receivables.push({
            id,
            memberId: c.id,
            kind: fee.kind,
            periodStart: fee.periodStart,
            periodEnd: fee.periodEnd,
            description,
            amountCents: fee.amountCents,
            dueOn,
            feeRunId: runId,
            mandateId: mandate?.id ?? null,
            sepaSequence: mandate ? (mandate.lastUsedOn ? 'RCUR' : 'FRST') : null,
            endToEndId,
            status: mandate ? 'submitted' : 'open',
            journalEntryId: '',
          });
          bookings.push({
            bookedOn: fee.dueOn < input.periodStart ? input.periodStart : fee.dueOn,
            documentOn: this.clock.today() < fee.dueOn ? this.clock.today() : fee.dueOn,
            documentNo: `BR-${c.memberNo}`,
            text: `${label} ${c.name}`.slice(0, 60),
            source: 'membership-fee',
            sourceId: id,
            lines: [
              {
                account: FEE_ACCOUNTS.receivable,
                side: 'debit',
                amountCents: fee.amountCents,
                sphere: 1,
              },
              {
                account: FEE_ACCOUNTS[fee.kind],
                side: 'credit',
                amountCents: fee.amountCents,
                sphere: 1,
              },
            ],
          });
          if (mandate) {
            usedMandates.add(mandate.id);
            debits.push({
              endToEndId,
              amountCents: fee.amountCents,
              mandateRef: mandate.reference,
              mandateSignedOn: mandate.signedOn,
              sequence: receivables[receivables.length - 1].sepaSequence!,
              debtorName: mandate.debtorName,
              debtorIban: mandate.iban,
              debtorBic: mandate.bic,
              remittance: `${description} Mandat ${mandate.reference}`,
            });
          }
        }
      }
    }

    if (debits.length && (!org.creditorId || !org.iban))
      throw new DomainError(
        'CREDITOR_DATA_MISSING',
        'Direct debits need the organisation’s SEPA creditor id and a default bank account',
        {
          field: org.creditorId ? 'bankAccount' : 'sepaCreditorId',
        },
      );

    const entries = await this.ledger
      .postMany(m, organisationId, userId, bookings)
      .catch((error: unknown) => explainBookingRefusal(error));
    entries.forEach((e, i) => (receivables[i].journalEntryId = e.id));
    const total = receivables.reduce((s, r) => s + r.amountCents, 0);
    const debitTotal = debits.reduce((s, d) => s + d.amountCents, 0);
    const messageId = debits.length
      ? `DW${input.collectionDate.replace(/-/g, '')}${runId.replace(/-/g, '').slice(-16)}`
      : null;
    await m.query(
      `INSERT INTO fee_runs (id, organisation_id, period_start, period_end, collection_date, receivable_count, total_cents,
         debit_count, debit_total_cents, sepa_message_id, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        runId,
        organisationId,
        input.periodStart,
        input.periodEnd,
        input.collectionDate,
        receivables.length,
        total,
        debits.length,
        debitTotal,
        messageId,
        userId,
      ],
    );
    await this.receivables.insertMany(m, organisationId, receivables);
    const today = this.clock.today();
    await this.receivables.addEvents(m, [
      ...receivables.map((r) => ({
        receivableId: r.id,
        kind: 'raised' as const,
        amountCents: r.amountCents,
        occurredOn: today,
        journalEntryId: r.journalEntryId,
      })),
      ...receivables
        .filter((r) => r.status === 'submitted')
        .map((r) => ({
          receivableId: r.id,
          kind: 'submitted' as const,
          amountCents: r.amountCents,
          occurredOn: today,
        })),
    ]);

    if (debits.length && !options.dryRun) {
      await m.query(`UPDATE sepa_mandates SET last_used_on = $2 WHERE id = ANY($1::uuid[])`, [
        [...usedMandates],
        input.collectionDate,
      ]);
      const xml = buildPain008({
        messageId: messageId!,
        createdAt: new Date(),
        collectionDate: input.collectionDate,
        creditor: { name: org.name, iban: org.iban!, bic: org.bic, creditorId: org.creditorId! },
        debits,
      });
      await assertSchemaValid('pain.008.001.08', xml);
      const stored = await this.documents.put(
        `sepa/${organisationId}/${messageId}.xml`,
        Buffer.from(xml, 'utf8'),
      );
      await m.query(`UPDATE fee_runs SET sepa_document_path = $2, sepa_sha256 = $3 WHERE id = $1`, [
        runId,
        stored.path,
        stored.sha256.toString('hex'),
      ]);
    }
    await this.audit.record(m, {
      actorUserId: userId,
      organisationId,
      action: 'fee-run.created',
      entityType: 'fee_run',
      entityId: runId,
      data: { ...input, receivables: receivables.length, totalCents: total, debits: debits.length },
    });
    return (await m.query<FeeRun[]>(`${RUN_SELECT} WHERE id = $1`, [runId]))[0];
  }

  private async candidates(
    m: EntityManager,
    organisationId: string,
    from: string,
    to: string,
  ): Promise<Candidate[]> {
    return m.query(
      `SELECT mb.id, mb.member_no AS "memberNo", COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS name,
              to_char(mb.joined_on, 'YYYY-MM-DD') AS "joinedOn", to_char(mb.left_on, 'YYYY-MM-DD') AS "leftOn",
              json_agg(json_build_object('startsOn', to_char(a.starts_on, 'YYYY-MM-DD'), 'tierId', a.tier_id, 'reduced', a.reduced)
                       ORDER BY a.starts_on) AS segments
         FROM members mb JOIN member_tier_assignments a ON a.member_id = mb.id
        WHERE mb.organisation_id = $1 AND mb.erased_at IS NULL AND mb.restricted_at IS NULL AND mb.joined_on <= $3
          AND (mb.left_on IS NULL OR mb.left_on >= $2)
        GROUP BY mb.id ORDER BY mb.member_no`,
      [organisationId, from, to],
    );
  }

  private async tiersFor(
    m: EntityManager,
    organisationId: string,
  ): Promise<Map<string, TierForFees>> {
    const rows = await m.query<TierForFees[]>(
      `SELECT t.id, t.name, t.fee_interval AS interval, t.pro_rata AS "proRata",
              to_char(t.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(t.valid_to, 'YYYY-MM-DD') AS "validTo",
              json_agg(json_build_object('validFrom', to_char(r.valid_from, 'YYYY-MM-DD'), 'amountCents', r.amount_cents,
                'reducedAmountCents', r.reduced_amount_cents, 'admissionFeeCents', r.admission_fee_cents)) AS rates
         FROM membership_tiers t JOIN membership_tier_rates r ON r.tier_id = t.id WHERE t.organisation_id = $1 GROUP BY t.id`,
      [organisationId],
    );
    return new Map(rows.map((t) => [t.id, t]));
  }

  private async raisedKeys(
    m: EntityManager,
    memberIds: string[],
    from: string,
    to: string,
  ): Promise<Set<string>> {
    const rows = await m.query<{ k: string }[]>(
      `SELECT member_id || '|' || kind || '|' || to_char(period_start, 'YYYY-MM-DD') AS k FROM receivables
        WHERE member_id = ANY($1::uuid[]) AND kind IN ('fee', 'admission') AND period_start BETWEEN $2::date - 366 AND $3`,
      [memberIds, from, to],
    );
    return new Set(rows.map((r) => r.k));
  }

  /** Per member the newest mandate usable on the collection date. */
  private async usableMandates(
    m: EntityManager,
    organisationId: string,
    day: string,
  ): Promise<Map<string, UsableMandate>> {
    const rows = await m.query<UsableMandate[]>(
      `SELECT DISTINCT ON (member_id) id, member_id AS "memberId", reference, to_char(signed_on, 'YYYY-MM-DD') AS "signedOn",
              debtor_name AS "debtorName", iban, bic, to_char(last_used_on, 'YYYY-MM-DD') AS "lastUsedOn",
              to_char(revoked_on, 'YYYY-MM-DD') AS "revokedOn"
         FROM sepa_mandates WHERE organisation_id = $1 AND (revoked_on IS NULL OR revoked_on > $2) AND signed_on <= $2
        ORDER BY member_id, signed_on DESC, created_at DESC`,
      [organisationId, day],
    );
    return new Map(rows.filter((r) => mandateUsableOn(r, day)).map((r) => [r.memberId, r]));
  }
}

export const preNotificationsSql = `SELECT mb.member_no AS "memberNo",
    COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS "memberName",
    mb.street, mb.postal_code AS "postalCode", mb.city, s.reference AS "mandateRef", s.iban,
    to_char(f.collection_date, 'YYYY-MM-DD') AS "collectionDate", sum(r.amount_cents)::int AS "amountCents",
    string_agg(r.description, '; ' ORDER BY r.due_on) AS items
  FROM receivables r JOIN members mb ON mb.id = r.member_id JOIN sepa_mandates s ON s.id = r.mandate_id
  JOIN fee_runs f ON f.id = r.fee_run_id
  WHERE r.organisation_id = $1 AND r.fee_run_id = $2
  GROUP BY mb.id, s.id, f.collection_date ORDER BY mb.member_no`;

/** How a fee period reads on statements and letters: 2026, 2026 H2, 2026 Q3, 2026-07. */
export function periodLabel(periodStart: string, interval: FeeInterval): string {
  const year = periodStart.slice(0, 4);
  const month = Number(periodStart.slice(5, 7));
  if (interval === 'yearly') return year;
  if (interval === 'half_yearly') return `${year} H${month <= 6 ? 1 : 2}`;
  if (interval === 'quarterly') return `${year} Q${Math.ceil(month / 3)}`;
  return periodStart.slice(0, 7);
}

/**
 * The ledger refuses a fee in words about journal entries ("No fiscal year contains …",
 * entryIndex, bookedOn); a fee run has neither. Said in the run's own terms, with what
 * to do about it.
 */
function explainBookingRefusal(error: unknown): never {
  if (error instanceof DomainError && error.code === 'NO_FISCAL_YEAR') {
    const on = typeof error.details?.bookedOn === 'string' ? error.details.bookedOn : '';
    throw new DomainError(
      'FEE_RUN_NO_FISCAL_YEAR',
      `The fees of this run fall due on ${on}, but the books have no fiscal year for ${on.slice(0, 4)} yet. ` +
        'A treasurer opens it under Ledger → Fiscal years; then the run can be booked.',
      { field: 'periodStart', missingYear: on.slice(0, 4), dueOn: on },
    );
  }
  if (error instanceof DomainError && error.code === 'PERIOD_CLOSED') {
    const on = typeof error.details?.bookedOn === 'string' ? error.details.bookedOn : '';
    throw new DomainError(
      'FEE_RUN_PERIOD_CLOSED',
      `The fees of this run fall due on ${on}, in a month that is closed in the books. ` +
        'Choose a period whose months are still open.',
      { field: 'periodStart', dueOn: on },
    );
  }
  throw error;
}
