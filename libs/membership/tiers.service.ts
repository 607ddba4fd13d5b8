import { Injectable } from '@nestjs/common';
import { AuditService } from '@dachwerk/audit';
import {
  assertOrganisationRole,
  DomainError,
  pageFrom,
  Transactions,
  type Actor,
  type Page,
  type PageQueryDto,
} from '@dachwerk/shared';
import type { CreateTierDto, TierRateDto } from './dto/membership.dto';
import { Tier, TierRepository } from './tier.repository';

export const MEMBERSHIP_READERS = ['staff', 'treasurer', 'board', 'admin'] as const;

/**
 * The fee schedule (Beitragsordnung). A tier's amounts are dated rates: a change adds a
 * rate from a date on and is refused if fees for that date were raised already — past
 * fees are never rewritten.
 */
@Injectable()
export class TiersService {
  constructor(
    private readonly tiers: TierRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, organisationId: string, query: PageQueryDto): Promise<Page<Tier>> {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    return pageFrom(await this.tiers.list(this.tiers.db, organisationId), query);
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<Tier> {
    assertOrganisationRole(actor, organisationId, MEMBERSHIP_READERS);
    return this.tiers.get(this.tiers.db, organisationId, id);
  }

  async create(actor: Actor, organisationId: string, input: CreateTierDto): Promise<Tier> {
    assertOrganisationRole(actor, organisationId, ['staff', 'treasurer']);
    if (input.validTo && input.validTo < input.validFrom)
      throw new DomainError('VALIDITY_REVERSED', 'validTo lies before validFrom', {
        field: 'validTo',
      });
    return this.transactions.run(async (m) => {
      const id = await this.tiers.insert(m, organisationId, {
        code: input.code,
        name: input.name.trim(),
        memberForm: input.memberForm,
        interval: input.interval,
        proRata: input.proRata ?? true,
        feesDeductible: input.feesDeductible ?? false,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
      });
      await this.tiers.insertRate(m, id, rateOf(input, input.validFrom), actor.userId);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'tier.created',
        entityType: 'membership_tier',
        entityId: id,
        data: { code: input.code, amountCents: input.amountCents },
      });
      return (await this.tiers.find(m, organisationId, id))!;
    });
  }

  /** A new rate from a date on; earlier periods keep the rate they were raised with. */
  async changeRate(
    actor: Actor,
    organisationId: string,
    id: string,
    input: TierRateDto,
  ): Promise<Tier> {
    assertOrganisationRole(actor, organisationId, ['staff', 'treasurer']);
    return this.transactions.run(async (m) => {
      const tier = await this.tiers.get(m, organisationId, id, { lock: true });
      const latest = tier.rates[tier.rates.length - 1];
      if (latest && input.validFrom <= latest.validFrom)
        throw new DomainError(
          'RATE_NOT_AFTER_LATEST',
          `A new rate must start after ${latest.validFrom}`,
          { field: 'validFrom', latestValidFrom: latest.validFrom },
          409,
        );
      const raised = await this.tiers.lastRaisedPeriod(m, id);
      if (raised && input.validFrom <= raised)
        throw new DomainError(
          'RATE_WOULD_REWRITE_FEES',
          `Fees up to the period starting ${raised} are raised already; a new rate may start only after it`,
          { field: 'validFrom', lastRaisedPeriod: raised },
          409,
        );
      await this.tiers.insertRate(m, id, rateOf(input, input.validFrom), actor.userId);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId,
        action: 'tier.rate-changed',
        entityType: 'membership_tier',
        entityId: id,
        data: { ...input },
      });
      return (await this.tiers.find(m, organisationId, id))!;
    });
  }
}

function rateOf(input: Omit<TierRateDto, 'validFrom'>, validFrom: string) {
  return {
    validFrom,
    amountCents: input.amountCents,
    reducedAmountCents: input.reducedAmountCents ?? null,
    admissionFeeCents: input.admissionFeeCents ?? 0,
  };
}
