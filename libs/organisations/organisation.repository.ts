import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { BankAccount } from './bank-account.entity';
import { ExemptionNotice } from './exemption-notice.entity';
import { Organisation } from './organisation.entity';

/** All queries on organisations and their master data. Scope is passed in as ids. */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly db: DataSource) {}

  /** `ids` undefined = every organisation (platform admin). */
  listOrganisations(
    ids: string[] | undefined,
    skip: number,
    take: number,
  ): Promise<[Organisation[], number]> {
    return this.db.getRepository(Organisation).findAndCount({
      where: ids ? { id: In(ids) } : {},
      // The umbrella first: it is the organisation every demo user sees first.
      order: { isUmbrella: 'DESC', name: 'ASC', id: 'ASC' },
      skip,
      take,
    });
  }

  findOrganisation(
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<Organisation | null> {
    return manager.getRepository(Organisation).findOne({ where: { id } });
  }

  /** Locks the row so concurrent updates of master data apply one after the other. */
  lockOrganisation(manager: EntityManager, id: string): Promise<Organisation | null> {
    return manager
      .getRepository(Organisation)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async nameTaken(manager: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM organisations WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2)`,
      [name, exceptId ?? null],
    );
    return rows.length > 0;
  }

  insertOrganisation(manager: EntityManager, values: Partial<Organisation>): Promise<Organisation> {
    const repo = manager.getRepository(Organisation);
    return repo.save(repo.create(values));
  }

  async updateOrganisation(
    manager: EntityManager,
    id: string,
    values: Partial<Organisation>,
  ): Promise<void> {
    await manager.getRepository(Organisation).update({ id }, { ...values, updatedAt: new Date() });
  }

  listBankAccounts(
    organisationId: string,
    skip: number,
    take: number,
  ): Promise<[BankAccount[], number]> {
    return this.db.getRepository(BankAccount).findAndCount({
      where: { organisationId },
      order: { isDefault: 'DESC', createdAt: 'ASC', id: 'ASC' },
      skip,
      take,
    });
  }

  /**
   * Whether the organisation's chart holds the account (true while it has no chart yet).
   * The chart belongs to the ledger, which builds on organisations, hence the query here.
   */
  async isInChart(
    manager: EntityManager,
    organisationId: string,
    account: number,
  ): Promise<boolean> {
    const [row] = await manager.query<{ ok: boolean }[]>(
      `SELECT NOT EXISTS (SELECT 1 FROM accounts WHERE organisation_id = $1)
              OR EXISTS (SELECT 1 FROM accounts WHERE organisation_id = $1 AND number = $2) AS ok`,
      [organisationId, account],
    );
    return row.ok;
  }

  async ibanTaken(manager: EntityManager, organisationId: string, iban: string): Promise<boolean> {
    return manager.getRepository(BankAccount).exists({ where: { organisationId, iban } });
  }

  async clearDefaultBankAccount(manager: EntityManager, organisationId: string): Promise<void> {
    await manager
      .getRepository(BankAccount)
      .update({ organisationId, isDefault: true }, { isDefault: false });
  }

  insertBankAccount(manager: EntityManager, values: Partial<BankAccount>): Promise<BankAccount> {
    const repo = manager.getRepository(BankAccount);
    return repo.save(repo.create(values));
  }

  listExemptionNotices(
    organisationId: string,
    skip: number,
    take: number,
  ): Promise<[ExemptionNotice[], number]> {
    return this.db.getRepository(ExemptionNotice).findAndCount({
      where: { organisationId },
      order: { issuedOn: 'DESC', id: 'ASC' },
      skip,
      take,
    });
  }

  insertExemptionNotice(
    manager: EntityManager,
    values: Partial<ExemptionNotice>,
  ): Promise<ExemptionNotice> {
    const repo = manager.getRepository(ExemptionNotice);
    return repo.save(repo.create(values));
  }
}
