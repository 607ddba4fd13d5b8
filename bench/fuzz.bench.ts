import { report } from './support/report';
import { runSpecForSummary } from './support/spec-summary';

/** What test/e2e/fuzz.e2e-spec.ts writes to FUZZ_REPORT. */
interface FuzzSummary {
  operations: number;
  casesPerOperation: number;
  requests: number;
  seconds: number;
  baselineRequests: number;
  baselineSeconds: number;
}

/**
 * Fuzzing throughput (issue 12): operations × cases per minute of the property-based fuzz
 * test, beside the same API answering plain GET auth/me one after the other in the same run
 * (the baseline: what a request costs when nothing is refused or written).
 */
export async function benchFuzz(): Promise<void> {
  const s = runSpecForSummary<FuzzSummary>('test/e2e/fuzz.e2e-spec.ts', 'FUZZ_REPORT');
  if (!s) return report('fuzz', { failed: 'the fuzz test failed' });
  const perMinute = (s.requests / s.seconds) * 60;
  const baselinePerMinute = (s.baselineRequests / s.baselineSeconds) * 60;
  report('fuzz (every OpenAPI operation)', {
    operations: s.operations,
    casesEach: s.casesPerOperation,
    requests: s.requests,
    seconds: s.seconds,
    'cases/min': perMinute,
    'baseline auth/me per min': baselinePerMinute,
    'vs baseline': `${Math.round((perMinute / baselinePerMinute) * 100)}%`,
  });
}
