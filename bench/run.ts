import { benchAuthMe } from './auth-me.bench';
import { benchCrossTenant } from './cross-tenant.bench';
import { benchDonationImport } from './donations.bench';
import { benchFaults } from './faults.bench';
import { benchFunding } from './funding.bench';
import { benchFuzz } from './fuzz.bench';
import { benchLedger } from './ledger.bench';
import { benchMembership } from './membership.bench';
import { benchReceiptRun } from './receipt-run.bench';
import { benchReceipts } from './receipts.bench';
import { startBenchServices } from './support/services';
import { benchWebBundle } from './web-bundle.bench';

/**
 * `npm run bench`: every benchmark with its in-run baseline. Figures, not assertions:
 * compare them with the goals in the issues, minding that this machine is shared.
 */
async function main(): Promise<void> {
  process.stdout.write(
    `Dachwerk benchmarks — node ${process.version}, ${new Date().toISOString()}\n\n`,
  );
  const only = process.argv[2];
  if (!only || only === 'web') benchWebBundle();
  if (only === 'web') return;
  // On a Postgres and Redis of its own: it stops and restarts them.
  if (!only || only === 'faults') await benchFaults();
  // The walk and the fuzzer are e2e tests themselves, on the Postgres and Redis of Jest's global setup.
  if (!only || only === 'cross-tenant') await benchCrossTenant();
  if (!only || only === 'fuzz') await benchFuzz();
  if (only === 'faults' || only === 'cross-tenant' || only === 'fuzz') return;
  const services = await startBenchServices();
  try {
    if (!only || only === 'auth') await benchAuthMe(services);
    if (!only || only === 'ledger') await benchLedger(services);
    if (!only || only === 'receipts') await benchReceipts(services);
    if (!only || only === 'donations') await benchDonationImport(services);
    if (!only || only === 'receipt-run') await benchReceiptRun(services);
    if (!only || only === 'membership') await benchMembership(services);
    if (!only || only === 'funding') await benchFunding(services);
  } finally {
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
