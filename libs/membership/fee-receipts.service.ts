import { Injectable } from '@nestjs/common';
import { DonorsService, ReceiptsService } from '@dachwerk/donations';
import { assertOrganisationRole, DomainError, Transactions, type Actor } from '@dachwerk/shared';
import { MemberRepository } from './member.repository';

/**
 * Receipts for membership fees (§10b EStG, BMF template "Geldzuwendung/Mitgliedsbeitrag"):
 * the fees a member paid in a year, where the tier says its purpose allows the
 * deduction (not sport, cultural leisure, Heimatpflege and the like), each fee at most
 * once on a valid receipt. The receipt itself is issued, numbered and rendered by
 * donations, like every other.
 */
@Injectable()
export class FeeReceiptsService {
  constructor(
    private readonly members: MemberRepository,
    private readonly donors: DonorsService,
    private readonly receipts: ReceiptsService,
    private readonly transactions: Transactions,
  ) {}

  async issue(actor: Actor, organisationId: string, memberId: string, year: number) {
    assertOrganisationRole(actor, organisationId, ['treasurer']);
    const receipt = await this.transactions.run(async (m) => {
      const member = await this.members.get(m, organisationId, memberId, { lock: true });
      const fees = await m.query<
        { receivableId: string; receivedOn: string; amountCents: number; deductible: boolean }[]
      >(
        `SELECT r.id AS "receivableId", to_char(max(e.occurred_on), 'YYYY-MM-DD') AS "receivedOn", r.amount_cents::int AS "amountCents",
                bool_and(t.fees_deductible) AS deductible
           FROM receivables r
           JOIN receivable_events e ON e.receivable_id = r.id AND e.kind = 'settled'
           JOIN LATERAL (SELECT a.tier_id FROM member_tier_assignments a WHERE a.member_id = r.member_id AND a.starts_on <= r.period_start
                          ORDER BY a.starts_on DESC LIMIT 1) a ON true
           JOIN membership_tiers t ON t.id = a.tier_id
          WHERE r.organisation_id = $1 AND r.member_id = $2 AND r.kind IN ('fee', 'admission') AND r.status = 'settled'
            AND NOT EXISTS (SELECT 1 FROM receipt_items i WHERE i.receivable_id = r.id AND NOT i.is_void)
          GROUP BY r.id
         HAVING extract(year FROM max(e.occurred_on)) = $3`,
        [organisationId, memberId, year],
      );
      if (fees.length && fees.every((f) => !f.deductible))
        throw new DomainError(
          'FEES_NOT_DEDUCTIBLE',
          'The member’s tier serves a purpose for which membership fees are not deductible (§ 10b Abs. 1 Satz 8 EStG)',
          { field: 'memberId' },
        );
      const deductible = fees.filter((f) => f.deductible);
      if (!deductible.length)
        throw new DomainError('NOTHING_TO_RECEIPT', `No fees paid in ${year} without a receipt`, {
          field: 'year',
          year,
        });
      const donorId = await this.donors.forMember(m, actor.userId, organisationId, {
        id: member.id,
        kind: member.kind,
        firstName: member.firstName,
        lastName: member.lastName,
        organisationName: member.organisationName,
        street: member.street,
        postalCode: member.postalCode,
        city: member.city,
        country: member.country,
        email: member.email,
      });
      const issued = await this.receipts.issueForFees(
        m,
        actor.userId,
        organisationId,
        donorId,
        deductible,
      );
      await this.receipts.enqueueRender(m, issued.id);
      return issued;
    });
    return receipt;
  }
}
