import { useQueries } from '@tanstack/react-query';
import { useApi, useApiProvider } from '../api/useApi';

interface Page<T> {
  items: T[];
  total: number;
}
interface Statement {
  groups: { key: string; incomeCents: number; expenseCents: number; resultCents: number }[];
}
interface TrialBalance {
  accounts: { number: number; balanceCents: number }[];
}
interface BankAccount {
  id: string;
  label: string;
  ledgerAccount: number;
}
interface Initiative {
  id: string;
  name: string;
}
export interface Fund {
  availableCents: number;
  commitmentsCents: number;
  closingCents: number;
  years: { year: number; unspentCents: number; spendBy: string; overdue: boolean }[];
}
interface Application {
  id: string;
  status: string;
  decisions: { kind: string; round: number }[];
}

/**
 * Everything the board's start page shows, from the API's ordinary endpoints (there is
 * no dashboard endpoint: the app uses nothing the API does not offer to everyone).
 */
export function useBoardYear(year: number) {
  const api = useApiProvider();
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const bySphere = useApi<Statement>('ledger/income-statement', { ...range, by: 'sphere' });
  const trial = useApi<TrialBalance>('ledger/trial-balance', range);
  const banks = useApi<Page<BankAccount>>('bank-accounts', { pageSize: 100 });
  const initiatives = useApi<Page<Initiative>>('initiatives', { pageSize: 100 });
  const funds = useQueries({
    queries: (initiatives.data?.items ?? []).map((i) => ({
      queryKey: ['dachwerk', `initiatives/${i.id}/fund`],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.call<Fund>('GET', `initiatives/${i.id}/fund`, { signal }),
    })),
  });
  const overdueProofs = useApi<Page<unknown>>('proofs-of-use', { status: 'overdue', pageSize: 1 });
  const openProofs = useApi<Page<unknown>>('proofs-of-use', { status: 'open', pageSize: 1 });
  const excluded = useApi<unknown[]>('dunning/exclusion-candidates');
  const inReview = useApi<Page<Application>>('applications', { status: 'complete', pageSize: 100 });

  const balance = new Map((trial.data?.accounts ?? []).map((a) => [a.number, a.balanceCents]));
  const waitingForSecond = (inReview.data?.items ?? []).filter((a) => {
    const round = a.decisions.filter((d) => d.kind === 'return').length + 1;
    return a.decisions.some((d) => d.kind === 'approve' && d.round === round);
  });
  return {
    spheres: bySphere.data?.groups,
    bankBalances: banks.data?.items.map((b) => ({
      name: b.label,
      cents: balance.get(b.ledgerAccount) ?? 0,
    })),
    funds: initiatives.data?.items.map((i, index) => ({ initiative: i, fund: funds[index]?.data })),
    overdueProofs: overdueProofs.data?.total,
    openProofs: openProofs.data?.total,
    pastLastDunning: excluded.data?.length,
    waitingForSecond,
  };
}
