import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DocumentStore, germanDate, JobQueue, retentionEndsSql } from '@dachwerk/shared';
import { preNotificationsSql } from './fee-runs.service';
import { renderLetters, type Letter, type LetterBatch } from './letters.renderer';
import { MemberRepository } from './member.repository';

interface Addressee {
  memberNo: string;
  memberName: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
}

const recipient = (a: Addressee) =>
  [a.memberName, a.street ?? '', `${a.postalCode ?? ''} ${a.city ?? ''}`.trim()].filter(Boolean);

/**
 * The worker's side of membership: renders pre-notifications and dunning letters from
 * the stored run (never from the request), stores the PDF with its SHA-256, and
 * erases restricted leavers once the retention period allows.
 */
@Injectable()
export class LettersService {
  private readonly logger = new Logger(LettersService.name);

  constructor(
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly documents: DocumentStore,
    private readonly queue: JobQueue,
    private readonly members: MemberRepository,
  ) {}

  async renderPreNotifications(runId: string): Promise<void> {
    const [run] = await this.db.query<
      { organisationId: string; done: boolean; collectionDate: string }[]
    >(
      `SELECT organisation_id AS "organisationId", notices_document_path IS NOT NULL AS done,
              to_char(collection_date, 'YYYY-MM-DD') AS "collectionDate" FROM fee_runs WHERE id = $1`,
      [runId],
    );
    if (!run || run.done) return;
    const rows = await this.db.query<
      (Addressee & { mandateRef: string; iban: string; collectionDate: string })[]
    >(preNotificationsSql, [run.organisationId, runId]);
    const sender = await this.sender(run.organisationId);
    const items = await this.itemsPerMember(runId);
    const letters: (Letter & { memberNo: string })[] = rows.map((r) => ({
      memberNo: r.memberNo,
      recipient: recipient(r),
      subject: `Ankündigung der SEPA-Lastschrift (Mitgliedsnummer ${r.memberNo})`,
      paragraphs: [
        `wir ziehen am ${germanDate(run.collectionDate)} den folgenden Betrag von Ihrem Konto ${maskIban(r.iban)} ein.`,
        `Mandatsreferenz: ${r.mandateRef}`,
        `Gläubiger-Identifikationsnummer: ${sender.creditorId ?? '—'}`,
        'Bitte sorgen Sie für ausreichende Deckung. Eine Rücklastschrift verursacht Bankgebühren, die wir weiterberechnen müssen.',
      ],
      items: items.get(r.memberNo) ?? [],
      totalLabel: 'Einzug gesamt',
    }));
    // Members without a mandate get an invoice naming the reference that matching recognises.
    const invoices = await this.db.query<
      (Addressee & { dueOn: string; items: { text: string; amountCents: number }[] })[]
    >(
      `SELECT mb.member_no AS "memberNo", COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS "memberName",
              mb.street, mb.postal_code AS "postalCode", mb.city, to_char(min(r.due_on), 'YYYY-MM-DD') AS "dueOn",
              json_agg(json_build_object('text', r.description, 'amountCents', r.amount_cents) ORDER BY r.due_on) AS items
         FROM receivables r JOIN members mb ON mb.id = r.member_id
        WHERE r.fee_run_id = $1 AND r.mandate_id IS NULL GROUP BY mb.id ORDER BY mb.member_no`,
      [runId],
    );
    for (const inv of invoices)
      letters.push({
        memberNo: inv.memberNo,
        recipient: recipient(inv),
        subject: `Beitragsrechnung (Mitgliedsnummer ${inv.memberNo})`,
        paragraphs: [
          `bitte überweisen Sie den folgenden Betrag bis zum ${germanDate(inv.dueOn)} auf unser Konto ${sender.iban ?? '—'}${sender.bic ? ` (BIC ${sender.bic})` : ''}.`,
          `Verwendungszweck: Mitgliedsbeitrag ${inv.memberNo}`,
          'Bequemer geht es per SEPA-Lastschrift: Sprechen Sie uns auf ein Lastschriftmandat an.',
        ],
        items: inv.items,
        totalLabel: 'Zu zahlen',
      });
    letters.sort((a, b) => (a.memberNo < b.memberNo ? -1 : a.memberNo > b.memberNo ? 1 : 0));
    await this.store(
      'fee_runs',
      'notices_document_path',
      'notices_sha256',
      runId,
      run.organisationId,
      'pre-notifications',
      {
        sender,
        date: this.clock.today(),
        title: 'Vorabankündigungen und Beitragsrechnungen',
        letters,
      },
    );
  }

  async renderDunning(runId: string): Promise<void> {
    const [run] = await this.db.query<{ organisationId: string; done: boolean; runOn: string }[]>(
      `SELECT organisation_id AS "organisationId", document_path IS NOT NULL AS done, to_char(run_on, 'YYYY-MM-DD') AS "runOn"
         FROM dunning_runs WHERE id = $1`,
      [runId],
    );
    if (!run || run.done) return;
    const notices = await this.db.query<
      (Addressee & {
        level: number;
        title: string;
        items: { text: string; amountCents: number }[];
      })[]
    >(
      `SELECT mb.member_no AS "memberNo", COALESCE(mb.organisation_name, concat_ws(' ', mb.first_name, mb.last_name)) AS "memberName",
              mb.street, mb.postal_code AS "postalCode", mb.city, n.level, COALESCE(l.title, 'Mahnung') AS title,
              (SELECT json_agg(json_build_object('text', r.description || ' (fällig ' || to_char(r.due_on, 'DD.MM.YYYY') || ')',
                                                 'amountCents', r.amount_cents) ORDER BY r.due_on)
                 FROM receivables r WHERE r.id = ANY(n.receivable_ids)) AS items
         FROM dunning_notices n JOIN dunning_runs d ON d.id = n.dunning_run_id JOIN members mb ON mb.id = n.member_id
         LEFT JOIN dunning_levels l ON l.organisation_id = d.organisation_id AND l.level = n.level
        WHERE n.dunning_run_id = $1 ORDER BY mb.member_no`,
      [runId],
    );
    const sender = await this.sender(run.organisationId);
    await this.store(
      'dunning_runs',
      'document_path',
      'document_sha256',
      runId,
      run.organisationId,
      'dunning',
      {
        sender,
        date: run.runOn,
        title: 'Mahnschreiben',
        letters: notices.map((n) => ({
          recipient: recipient(n),
          subject: `${n.title} (Mitgliedsnummer ${n.memberNo})`,
          paragraphs: [
            'nach unseren Unterlagen sind die folgenden Beträge noch offen. Bitte überweisen Sie den Gesamtbetrag innerhalb von 14 Tagen ' +
              `unter Angabe Ihrer Mitgliedsnummer ${n.memberNo}.`,
            'Sollten Sie inzwischen gezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.',
          ],
          items: n.items,
          totalLabel: 'Offen gesamt',
        })),
      },
    );
  }

  /** Runs whose letters are missing a minute after they were created: Redis lost the job or the worker died. */
  async reconcile(): Promise<number> {
    const runs = await this.db.query<{ kind: 'pre-notification' | 'dunning'; id: string }[]>(
      `SELECT 'pre-notification' AS kind, id FROM fee_runs WHERE notices_document_path IS NULL AND created_at < now() - interval '1 minute'
       UNION ALL
       SELECT 'dunning', id FROM dunning_runs WHERE document_path IS NULL AND created_at < now() - interval '1 minute'`,
    );
    for (const r of runs)
      await this.queue.ensure(
        'membership.letters',
        { kind: r.kind, runId: r.id },
        `${r.kind === 'dunning' ? 'dunning-letters' : 'fee-run-notices'}-${r.id}`,
      );
    return runs.length;
  }

  async eraseExpired(): Promise<number> {
    const due = await this.db.query<{ id: string; organisationId: string }[]>(
      `SELECT id, organisation_id AS "organisationId" FROM members WHERE restricted_at IS NOT NULL AND erased_at IS NULL
          AND ${retentionEndsSql('left_on')} <= current_date`,
    );
    for (const member of due)
      await this.db.transaction(async (m) => {
        await this.members.erase(m, member.id);
        await m.query(
          `INSERT INTO audit_events (actor_user_id, organisation_id, action, entity_type, entity_id) VALUES (NULL, $1, 'member.erased', 'member', $2)`,
          [member.organisationId, member.id],
        );
      });
    if (due.length) this.logger.log({ erased: due.length }, 'Erased members past retention');
    return due.length;
  }

  private async itemsPerMember(
    runId: string,
  ): Promise<Map<string, { text: string; amountCents: number }[]>> {
    const rows = await this.db.query<
      { memberNo: string; items: { text: string; amountCents: number }[] }[]
    >(
      `SELECT mb.member_no AS "memberNo", json_agg(json_build_object('text', r.description, 'amountCents', r.amount_cents) ORDER BY r.due_on) AS items
         FROM receivables r JOIN members mb ON mb.id = r.member_id WHERE r.fee_run_id = $1 AND r.mandate_id IS NOT NULL GROUP BY mb.member_no`,
      [runId],
    );
    return new Map(rows.map((r) => [r.memberNo, r.items]));
  }

  private async sender(organisationId: string) {
    const [org] = await this.db.query<
      {
        name: string;
        street: string;
        postalCode: string;
        city: string;
        creditorId: string | null;
        iban: string | null;
        bic: string | null;
      }[]
    >(
      `SELECT o.name, o.street, o.postal_code AS "postalCode", o.city, o.sepa_creditor_id AS "creditorId", b.iban, b.bic
         FROM organisations o LEFT JOIN organisation_bank_accounts b ON b.organisation_id = o.id AND b.is_default WHERE o.id = $1`,
      [organisationId],
    );
    return org;
  }

  private async store(
    table: string,
    pathColumn: string,
    shaColumn: string,
    runId: string,
    organisationId: string,
    name: string,
    batch: LetterBatch,
  ) {
    const pdf = await renderLetters(batch);
    const stored = await this.documents.put(`letters/${organisationId}/${name}-${runId}.pdf`, pdf);
    await this.db.query(
      `UPDATE ${table} SET ${pathColumn} = $2, ${shaColumn} = $3 WHERE id = $1 AND ${pathColumn} IS NULL`,
      [runId, stored.path, stored.sha256.toString('hex')],
    );
  }
}

/** Pre-notifications show the IBAN masked, as banks do on letters. */
function maskIban(iban: string): string {
  return `${iban.slice(0, 4)} **** ${iban.slice(-4)}`;
}
