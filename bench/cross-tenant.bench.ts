import { report } from './support/report';
import { runSpecForSummary } from './support/spec-summary';

/** What test/e2e/cross-tenant.e2e-spec.ts writes to CROSS_TENANT_REPORT. */
interface WalkSummary {
  operations: number;
  walked: number;
  addressNoRecord: number;
  calls: number;
  seconds: number;
}

/**
 * The cross-tenant walk's route count (issue 12): how many operations of the OpenAPI
 * document the walk probes with another organisation's ids, how many calls that takes and
 * how long — from the e2e test itself, run once. Goal: every operation either walked or
 * declared as addressing no record — a route the walk cannot place fails the test.
 */
export async function benchCrossTenant(): Promise<void> {
  const s = runSpecForSummary<WalkSummary>(
    'test/e2e/cross-tenant.e2e-spec.ts',
    'CROSS_TENANT_REPORT',
  );
  if (!s) return report('cross-tenant walk', { failed: 'the walk test failed' });
  report(
    'cross-tenant walk',
    {
      operations: s.operations,
      walked: s.walked,
      noRecord: s.addressNoRecord,
      calls: s.calls,
      seconds: s.seconds,
      'calls/s': s.calls / s.seconds,
    },
    {
      text: 'every operation walked or addressing no record',
      met: s.walked + s.addressNoRecord === s.operations,
    },
  );
}
