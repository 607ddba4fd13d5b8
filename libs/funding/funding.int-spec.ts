import fc from 'fast-check';
import { AuditModule } from '@dachwerk/audit';
import { LedgerService } from '@dachwerk/ledger';
import { InitiativesService } from '@dachwerk/organisations';
import { DomainError, todayIso, type Actor } from '@dachwerk/shared';
import { createOrganisation, createTestModule, createUser, TestModule } from '@dachwerk/testing';
import { ExpenseClaimsService } from './expense-claims.service';
import { FundingModule } from './funding.module';
import { FundsService } from './funds.service';

type Op =
  | { kind: 'inflow'; to: number; amountCents: number }
  | { kind: 'claim'; from: number; amountCents: number }
  | { kind: 'transfer'; from: number; to: number; amountCents: number };

describe('funds on real Postgres', () => {
  let t: TestModule;
  let orgId: string;
  let treasurer: Actor;
  let clerk: Actor;
  let board: Actor;

  beforeAll(async () => {
    t = await createTestModule([AuditModule, FundingModule]);
    orgId = (await createOrganisation(t.sql)).id;
    const actor = async (roles: Actor['roles'][string]): Promise<Actor> => {
      const u = await createUser(t.sql, { roles: { [orgId]: roles } });
      return {
        userId: u.id,
        email: u.email,
        name: 'x',
        isPlatformAdmin: false,
        roles: { [orgId]: roles },
        initiativeIds: {},
      };
    };
    [treasurer, clerk, board] = [
      await actor(['treasurer']),
      await actor(['staff']),
      await actor(['board']),
    ];
    await t.moduleRef.get(LedgerService).installChart(treasurer, orgId);
    await t.moduleRef
      .get(LedgerService)
      .createFiscalYear(treasurer, orgId, `${todayIso().slice(0, 4)}-01-01`);
  });
  afterAll(() => t.close());

  /** The cost centre's result summed from the journal lines themselves (not the monthly balances the service reads). */
  const fromLines = async (costCentre: string) =>
    Number(
      (
        await t.sql.query(
          `SELECT COALESCE(sum(CASE l.side WHEN 'C' THEN l.amount_cents ELSE -l.amount_cents END), 0) AS c
             FROM journal_lines l JOIN accounts a ON a.organisation_id = l.organisation_id AND a.number = l.account_number
            WHERE l.organisation_id = $1 AND l.cost_centre = $2 AND a.type IN ('income', 'expense')`,
          [orgId, costCentre],
        )
      )[0].c,
    );

  it('for any inflows, fees, claims and transfers: no fund below zero, and the statement equals the books', async () => {
    const initiatives = t.moduleRef.get(InitiativesService);
    const funds = t.moduleRef.get(FundsService);
    const claims = t.moduleRef.get(ExpenseClaimsService);
    const amount = fc.integer({ min: 1, max: 50_000 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('inflow' as const), to: fc.nat(2), amountCents: amount }),
      fc.record({ kind: fc.constant('claim' as const), from: fc.nat(2), amountCents: amount }),
      fc.record({
        kind: fc.constant('transfer' as const),
        from: fc.nat(2),
        to: fc.nat(2),
        amountCents: amount,
      }),
    );
    let run = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(op, { minLength: 1, maxLength: 12 }),
        async (fees, ops) => {
          run++;
          const ini = [];
          for (let i = 0; i < 3; i++)
            ini.push(
              await initiatives.create(board, orgId, {
                name: `Initiative ${run}-${i}`,
                purpose: 'Zweck der Initiative',
                taxPurpose: 'Förderung des Engagements',
                costCentre: `P${run}-${i}`,
                status: 'active',
                agreementSignedOn: '2025-01-01',
                feeBasisPoints: fees[i],
              }),
            );
          for (const o of ops) {
            try {
              if (o.kind === 'inflow')
                await funds.addInflow(treasurer, orgId, ini[o.to].id, {
                  amountCents: o.amountCents,
                  receivedOn: todayIso(),
                  source: 'Zuschuss',
                });
              else if (o.kind === 'transfer')
                await funds.transfer(board, orgId, {
                  fromInitiativeId: ini[o.from].id,
                  toInitiativeId: ini[o.to].id,
                  amountCents: o.amountCents,
                  resolutionRef: 'VS-1',
                });
              else {
                const c = await claims.create(clerk, orgId, {
                  initiativeId: ini[o.from].id,
                  kind: 'invoice',
                  description: 'Material',
                  amountCents: o.amountCents,
                  payeeName: 'Laden',
                  payeeIban: 'DE02120300000000202051',
                });
                await claims.approve(treasurer, orgId, c.id);
              }
            } catch (error) {
              // Refusals are expected (empty fund, same fund twice); anything else is a bug.
              if (
                !(error instanceof DomainError) ||
                !['FUND_INSUFFICIENT', 'TRANSFER_SAME_FUND'].includes(error.code)
              )
                throw error;
              refused++;
            }
            for (const i of ini) {
              const statement = await funds.statement(board, orgId, i.id, {
                page: 1,
                pageSize: 10,
              });
              expect(statement.availableCents).toBeGreaterThanOrEqual(0);
              expect(statement.availableCents).toBe(await fromLines(i.costCentre));
              expect(statement.closingCents).toBe(statement.availableCents);
            }
          }
        },
      ),
      { numRuns: 20, seed: 7 },
    );
    // The runs did hit empty funds, not only the easy path.
    expect(refused).toBeGreaterThan(0);
  });
});
