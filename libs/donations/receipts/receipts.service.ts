import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import {
  amountInGermanWords,
  assertOrganisationRole,
  Clock,
  DocumentStore,
  DomainError,
  germanAmount,
  JobQueue,
  Mailer,
  notFound,
  pageOf,
  pageWindow,
  todayIso,
  Transactions,
  uuidv7,
  type Actor,
  type Page,
  type PageQueryDto,
  resolveAllIn,
  csvText,
} from '@dachwerk/shared';
import { DONATION_READERS } from '../donors.service';
import type { ReceiptContent } from './receipt-content';
import { renderReceiptPdf } from './receipt-pdf.renderer';
import { Receipt, ReceiptRepository } from './receipt.repository';
import { receiptIssuer } from './receipt-wording';

const YEARS_VALID = { freistellungsbescheid: 5, feststellung_60a: 3 } as const;

const addYears = (iso: string, years: number): string =>
  `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;

/**
 * Issues Zuwendungsbestätigungen. The number and the frozen content are written in one
 * transaction; the worker renders the PDF from that row afterwards (job `receipt-<id>`,
 * re-enqueued by the reconciler if Redis lost it) and attaches it once.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly clock: Clock,
    private readonly receipts: ReceiptRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly documents: DocumentStore,
    private readonly mailer: Mailer,
  ) {}

  async issue(actor: Actor, organisationId: string, donationIds: string[]): Promise<Receipt> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const receipt = await this.issueIn(m, actor.userId, organisationId, donationIds, null);
      await this.enqueueRender(m, receipt.id);
      return receipt;
    });
  }

  async void(
    actor: Actor,
    organisationId: string,
    id: string,
    reason: string,
    reissue: boolean,
  ): Promise<{ voided: Receipt; replacement: Receipt | null }> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    return this.transactions.run(async (m) => {
      const receipt = await this.receipts.find(m, organisationId, id, true);
      if (!receipt) throw notFound('Receipt', id);
      if (receipt.voidedAt)
        throw new DomainError(
          'RECEIPT_ALREADY_VOID',
          'The receipt is void already',
          { receiptId: id },
          409,
        );
      await this.receipts.markVoid(m, id, reason.trim(), this.clock.now());
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'receipt.voided',
        entityType: 'receipt',
        entityId: id,
        data: { number: receipt.number, reason: reason.trim() },
      });
      const replacement = !reissue
        ? null
        : receipt.receivableIds.length
          ? await this.issueForFees(
              m,
              actor.userId,
              organisationId,
              receipt.donorId,
              await this.receipts.feeItemsOf(m, id),
              receipt,
            )
          : await this.issueIn(m, actor.userId, organisationId, receipt.donationIds, receipt);
      if (replacement) await this.enqueueRender(m, replacement.id);
      // The copy marked "UNGÜLTIG" that the download serves from now on.
      await this.jobs.enqueue(
        m,
        'receipts.render',
        { receiptId: id },
        { jobId: `receipt-${id}-void` },
      );
      return { voided: (await this.receipts.find(m, organisationId, id))!, replacement };
    });
  }

  async list(
    actor: Actor,
    organisationId: string,
    query: PageQueryDto & { year?: number },
  ): Promise<Page<Receipt>> {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    const { skip, take } = pageWindow(query);
    const [items, total] = await this.receipts.list(organisationId, query.year, skip, take);
    return pageOf(items, total, query);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<Receipt> {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    const receipt = await this.receipts.find(this.receipts.db, organisationId, id);
    if (!receipt) throw notFound('Receipt', id);
    return receipt;
  }

  /** The receipt register as CSV (UTF-8, `;`): number, date, donor, amount, kind, status. */
  async registerCsv(
    actor: Actor,
    organisationId: string,
    year: number | undefined,
  ): Promise<Buffer> {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    const rows = await this.receipts.register(organisationId, year);
    const lines = rows.map((r) =>
      [
        r.number,
        r.issuedOn,
        csvText(r.donorName),
        `${Math.floor(r.totalCents / 100)},${String(r.totalCents % 100).padStart(2, '0')}`,
        r.kind,
        r.voidedAt ? 'storniert' : 'gültig',
        r.replacesNumber ?? '',
      ].join(';'),
    );
    return Buffer.from(
      `\uFEFFnummer;datum;zuwendender;betrag_eur;art;status;ersetzt\r\n${lines.join('\r\n')}\r\n`,
    );
  }

  /**
   * Reconciliation: donations of the year without a valid receipt, and valid receipts
   * whose amount differs from what is booked for their donations (a correction after
   * issuing, say).
   */
  async reconciliation(actor: Actor, organisationId: string, year: number) {
    assertOrganisationRole(actor, organisationId, DONATION_READERS);
    return this.receipts.reconciliation(organisationId, year);
  }

  /**
   * The stored original, or a fresh print of the same content marked "Zweitschrift". A
   * voided receipt is only ever handed out marked "UNGÜLTIG" (the stored marked copy, or
   * the same print while the worker has not stored it yet) and never as a Zweitschrift.
   */
  async pdf(
    actor: Actor,
    organisationId: string,
    id: string,
    duplicate: boolean,
  ): Promise<{ number: string; pdf: Buffer }> {
    const receipt = await this.get(actor, organisationId, id);
    if (receipt.voidedAt) {
      if (duplicate)
        throw new DomainError(
          'RECEIPT_VOID_NO_DUPLICATE',
          'A voided receipt gets no Zweitschrift; download it without "duplicate" to get the copy marked as void',
          { field: 'duplicate', receiptId: id, replacedByNumber: receipt.replacedByNumber },
          409,
        );
      return {
        number: receipt.number,
        pdf:
          receipt.voidDocumentPath && receipt.voidDocumentSha256
            ? await this.documents.get(receipt.voidDocumentPath, receipt.voidDocumentSha256)
            : await this.renderVoided(receipt),
      };
    }
    if (duplicate)
      return {
        number: receipt.number,
        pdf: await renderReceiptPdf(receipt.content, { duplicate: true }),
      };
    if (!receipt.documentPath || !receipt.documentSha256) {
      throw new DomainError(
        'RECEIPT_NOT_RENDERED',
        'The PDF is being produced; try again shortly',
        { receiptId: id },
        409,
      );
    }
    return {
      number: receipt.number,
      pdf: await this.documents.get(receipt.documentPath, receipt.documentSha256),
    };
  }

  private renderVoided(receipt: Receipt): Promise<Buffer> {
    return renderReceiptPdf(receipt.content, {
      voided: {
        on: todayIso(receipt.voidedAt!),
        reason: receipt.voidReason ?? '',
        replacedBy: receipt.replacedByNumber,
      },
    });
  }

  /** E-mails a receipt (to the donor's address unless another is given); the worker sends it. */
  async send(
    actor: Actor,
    organisationId: string,
    id: string,
    email?: string,
  ): Promise<{ deliveryId: string; email: string }> {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    const receipt = await this.get(actor, organisationId, id);
    this.mailer.assertConfigured();
    if (receipt.voidedAt)
      throw new DomainError('RECEIPT_VOID', 'A void receipt is not sent', { receiptId: id });
    const to = email ?? (await this.receipts.donorEmail(receipt.donorId));
    if (!to)
      throw new DomainError('EMAIL_MISSING', 'The donor has no e-mail address; give one', {
        field: 'email',
      });
    const deliveryId = uuidv7();
    await this.transactions.run(async (m) => {
      await this.receipts.insertDelivery(m, deliveryId, id, to, actor.userId);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'receipt.send-requested',
        entityType: 'receipt',
        entityId: id,
        data: { deliveryId },
      });
      await this.jobs.enqueue(
        m,
        'receipts.send',
        { deliveryId },
        { jobId: `receipt-delivery-${deliveryId}` },
      );
    });
    return { deliveryId, email: to };
  }

  /** Job `receipts.send`: sends the stored PDF and records the outcome; a sent delivery is not sent twice. */
  async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.receipts.delivery(deliveryId);
    if (!delivery || delivery.status === 'sent') return;
    const receipt = await this.receipts.findById(delivery.receiptId);
    if (receipt?.voidedAt) {
      // Voided between the request and the worker: a void receipt is not sent (no retry).
      await this.receipts.markDeliveryFailed(deliveryId, 'RECEIPT_VOID: voided before sending');
      return;
    }
    if (!receipt?.documentPath || !receipt.documentSha256)
      throw new Error(`Receipt ${delivery.receiptId} is not rendered yet`);
    const pdf = await this.documents.get(receipt.documentPath, receipt.documentSha256);
    const message = {
      to: delivery.email,
      subject: `Ihre Zuwendungsbestätigung ${receipt.number}`,
      text: `Guten Tag,\n\nim Anhang finden Sie Ihre Zuwendungsbestätigung Nr. ${receipt.number} über ${germanAmount(receipt.totalCents)}.\n\nVielen Dank für Ihre Unterstützung!\n${receipt.content.issuer.name}`,
      attachments: [
        {
          filename: `Zuwendungsbestaetigung-${receipt.number}.pdf`,
          content: pdf,
          contentType: 'application/pdf',
        },
      ],
    };
    try {
      await this.mailer.send(message);
    } catch (error) {
      // Recorded for the staff; BullMQ retries with backoff.
      await this.receipts.markDeliveryFailed(
        deliveryId,
        error instanceof Error ? error.message : String(error),
      );
      throw error;
    }
    await this.receipts.markDelivered(deliveryId);
  }

  async deliveries(actor: Actor, organisationId: string, id: string) {
    await this.get(actor, organisationId, id);
    return this.receipts.deliveries(id);
  }

  /**
   * Job `receipts.render`: renders from the stored row and attaches the document once;
   * once voided, also the copy marked "UNGÜLTIG" (the original stays as issued).
   */
  async render(receiptId: string): Promise<void> {
    const receipt = await this.receipts.findById(receiptId);
    if (!receipt) return;
    const path = `receipts/${receipt.organisationId}/${receipt.year}/${receipt.number}`;
    if (!receipt.renderedAt) {
      const stored = await this.documents.put(
        `${path}.pdf`,
        await renderReceiptPdf(receipt.content),
      );
      await this.receipts.attachDocument(receiptId, stored.path, stored.sha256);
    }
    if (receipt.voidedAt && !receipt.voidDocumentPath) {
      const stored = await this.documents.put(
        `${path}-storniert.pdf`,
        await this.renderVoided(receipt),
      );
      await this.receipts.attachVoidDocument(receiptId, stored.path, stored.sha256);
    }
  }

  /**
   * Job `receipts.reconcile`: receipts recorded but not rendered go back into the queue —
   * also those whose render job failed and is still kept by BullMQ.
   */
  async reconcile(): Promise<number> {
    const missing = await this.receipts.unrendered(30);
    for (const { id, isVoid } of missing)
      await this.jobs.ensure(
        'receipts.render',
        { receiptId: id },
        isVoid ? `receipt-${id}-void` : `receipt-${id}`,
      );
    return missing.length;
  }

  /** In the transaction that issues the receipt (the outbox). */
  async enqueueRender(m: EntityManager, id: string): Promise<void> {
    await this.jobs.enqueue(m, 'receipts.render', { receiptId: id }, { jobId: `receipt-${id}` });
  }

  /** Issues in the caller's transaction (the annual run marks its item done in the same one). */
  async issueIn(
    m: EntityManager,
    userId: string,
    organisationId: string,
    donationIds: string[],
    replaces: Receipt | null,
  ): Promise<Receipt> {
    const donations = await resolveAllIn(
      'Donation',
      donationIds,
      (ids) => this.receipts.donationsForReceipt(m, organisationId, ids),
      'donationIds',
    );
    const covered = donations.filter((d) => d.hasValidReceipt).map((d) => d.id);
    if (covered.length) {
      throw new DomainError(
        'RECEIPT_EXISTS',
        'A valid receipt already covers this donation; void it first',
        { donationIds: covered },
        409,
      );
    }
    if (donations.some((d) => d.corrected)) {
      throw new DomainError(
        'DONATION_CORRECTED',
        'A corrected donation gets no receipt; receipt its replacement',
        { field: 'donationIds' },
      );
    }
    const donorIds = new Set(donations.map((d) => d.donorId));
    if (donorIds.size > 1)
      throw new DomainError('RECEIPT_MIXED_DONORS', 'A receipt covers the donations of one donor', {
        field: 'donationIds',
      });
    const years = new Set(donations.map((d) => d.receivedOn.slice(0, 4)));
    if (years.size > 1)
      throw new DomainError(
        'RECEIPT_MIXED_YEARS',
        'A collective receipt covers one calendar year',
        { field: 'donationIds' },
      );
    const inKind = donations.filter((d) => d.kind === 'in_kind');
    if (inKind.length && donations.length > 1) {
      throw new DomainError(
        'RECEIPT_IN_KIND_ALONE',
        'An in-kind donation gets a receipt of its own',
        { field: 'donationIds' },
      );
    }
    const kind: ReceiptContent['kind'] = inKind.length
      ? 'in_kind'
      : donations.length > 1
        ? 'collective'
        : 'money';

    const sorted = [...donations].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : 1));
    return this.issueItems(m, userId, organisationId, {
      donorId: donations[0].donorId,
      kind,
      replaces,
      inKind: inKind.length ? inKind[0].inKind! : undefined,
      isMembershipFee: false,
      items: sorted.map((d) => ({
        donationId: d.id,
        receivableId: null,
        receivedOn: d.receivedOn,
        amountCents: d.amountCents,
        isWaiver: d.kind === 'expense_waiver',
        label:
          d.kind === 'expense_waiver'
            ? 'Aufwandsspende'
            : d.kind === 'in_kind'
              ? 'Sachzuwendung'
              : 'Geldzuwendung',
      })),
    });
  }

  /**
   * For membership: a receipt for paid membership fees (where the tier's purpose allows
   * the deduction), in the caller's transaction. One item per fee, one calendar year.
   */
  async issueForFees(
    m: EntityManager,
    userId: string,
    organisationId: string,
    donorId: string,
    fees: { receivableId: string; receivedOn: string; amountCents: number }[],
    replaces: Receipt | null = null,
  ): Promise<Receipt> {
    if (!fees.length)
      throw new DomainError('NOTHING_TO_RECEIPT', 'No paid, deductible fees without a receipt', {});
    const issuer = receiptIssuer(await this.receipts.issuer(m, organisationId));
    if (issuer.excludesFeeDeduction)
      throw new DomainError(
        'FEES_NOT_DEDUCTIBLE',
        'The organisation’s purposes exclude the deduction of membership fees (§ 10b Abs. 1 Satz 8 EStG: sport, ' +
          'cultural leisure, Heimatpflege, § 52 Abs. 2 Nr. 23 AO); no receipt for fees',
        { field: 'memberId', purposes: issuer.purposes },
      );
    if (new Set(fees.map((f) => f.receivedOn.slice(0, 4))).size > 1)
      throw new DomainError(
        'RECEIPT_MIXED_YEARS',
        'A collective receipt covers one calendar year',
        {
          field: 'year',
        },
      );
    const sorted = [...fees].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : 1));
    return this.issueItems(m, userId, organisationId, {
      donorId,
      kind: fees.length > 1 ? 'collective' : 'money',
      replaces,
      isMembershipFee: true,
      items: sorted.map((f) => ({
        donationId: null,
        receivableId: f.receivableId,
        receivedOn: f.receivedOn,
        amountCents: f.amountCents,
        isWaiver: false,
        label: 'Mitgliedsbeitrag',
      })),
    });
  }

  /** What every receipt needs checked and frozen, whatever it covers: address, notice, number, content. */
  private async issueItems(
    m: EntityManager,
    userId: string,
    organisationId: string,
    r: {
      donorId: string;
      kind: ReceiptContent['kind'];
      replaces: Receipt | null;
      inKind?: ReceiptContent['inKind'];
      isMembershipFee: boolean;
      items: {
        donationId: string | null;
        receivableId: string | null;
        receivedOn: string;
        amountCents: number;
        isWaiver: boolean;
        label: string;
      }[];
    },
  ): Promise<Receipt> {
    const { kind, replaces, items: sorted } = r;
    const issuer = receiptIssuer(await this.receipts.issuer(m, organisationId));
    const donor = await this.receipts.donor(m, r.donorId);
    if (!donor.street || !donor.postalCode || !donor.city || !donor.name) {
      throw new DomainError(
        'DONOR_ADDRESS_INCOMPLETE',
        'A receipt needs the donor’s full name and address',
        {
          donorId: donor.id,
          missing: ['street', 'postalCode', 'city'].filter(
            (f) => !donor[f as 'street' | 'postalCode' | 'city'],
          ),
        },
      );
    }
    const notices = await this.receipts.exemptionNotices(m, organisationId);
    const last = sorted[sorted.length - 1].receivedOn;
    // The notice in force for the whole receipt: the latest one issued by the last donation.
    const notice = notices.find((n) => n.issuedOn <= last) ?? notices[notices.length - 1];
    if (!notice)
      throw new DomainError(
        'EXEMPTION_NOTICE_MISSING',
        'The organisation has no exemption notice on record',
      );
    const expiredFor = sorted.find(
      (d) => d.receivedOn > addYears(notice.issuedOn, YEARS_VALID[notice.kind]),
    );
    if (expiredFor) {
      throw new DomainError(
        'EXEMPTION_NOTICE_EXPIRED',
        `The ${notice.kind === 'freistellungsbescheid' ? 'Freistellungsbescheid' : '§ 60a Feststellung'} of ${notice.issuedOn} is too old for a donation of ${expiredFor.receivedOn}`,
        {
          noticeIssuedOn: notice.issuedOn,
          donationId: expiredFor.donationId,
          receivableId: expiredFor.receivableId,
          receivedOn: expiredFor.receivedOn,
        },
      );
    }

    const total = sorted.reduce((s, d) => s + d.amountCents, 0);
    const year = Number((replaces?.issuedOn ?? this.clock.today()).slice(0, 4));
    const seq = await this.receipts.nextNumber(m, organisationId, year);
    const number = `${year}-${String(seq).padStart(6, '0')}`;
    const content: ReceiptContent = {
      number,
      kind,
      issuedOn: this.clock.today(),
      issuer,
      donor: {
        name: donor.name,
        street: donor.street,
        postalCode: donor.postalCode,
        city: donor.city,
        country: donor.country,
      },
      totalCents: total,
      totalInWords: amountInGermanWords(total),
      ...(kind === 'collective'
        ? { period: { from: sorted[0].receivedOn, to: last } }
        : { receivedOn: sorted[0].receivedOn }),
      isWaiver: sorted.every((d) => d.isWaiver),
      ...(r.isMembershipFee ? { isMembershipFee: true } : {}),
      items: sorted.map((d) => ({
        receivedOn: d.receivedOn,
        amountCents: d.amountCents,
        isWaiver: d.isWaiver,
        label: d.label,
      })),
      ...(r.inKind ? { inKind: r.inKind } : {}),
      exemption:
        notice.kind === 'freistellungsbescheid'
          ? {
              kind: notice.kind,
              taxOffice: notice.taxOffice,
              taxNumber: notice.taxNumber,
              issuedOn: notice.issuedOn,
              periodFrom: notice.periodFrom!,
              periodTo: notice.periodTo!,
            }
          : {
              kind: notice.kind,
              taxOffice: notice.taxOffice,
              taxNumber: notice.taxNumber,
              issuedOn: notice.issuedOn,
            },
      replacesNumber: replaces?.number ?? null,
    };
    const id = uuidv7();
    await this.receipts.insert(m, {
      id,
      organisationId,
      year,
      seq,
      number,
      kind,
      donorId: donor.id,
      content,
      totalCents: total,
      issuedOn: content.issuedOn,
      replacesReceiptId: replaces?.id ?? null,
      createdBy: userId,
      items: sorted.map((d) => ({
        donationId: d.donationId,
        receivableId: d.receivableId,
        amountCents: d.amountCents,
        receivedOn: d.receivedOn,
        isWaiver: d.isWaiver,
      })),
    });
    await this.audit.record(m, {
      actorUserId: userId,
      organisationId,
      action: 'receipt.issued',
      entityType: 'receipt',
      entityId: id,
      data: { number, kind, totalCents: total, replacesReceiptId: replaces?.id ?? null },
    });
    return (await this.receipts.find(m, organisationId, id))!;
  }
}
