import { useQuery } from '@tanstack/react-query';
import { useApiProvider } from '../../api/useApi';

export interface Account {
  number: number;
  name: string;
  type: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
  spheres: number[];
  isActive: boolean;
}

/**
 * The whole chart of accounts (a few hundred rows, page by page), for pickers that filter
 * as the user types by number or name.
 */
export function useAccounts() {
  const api = useApiProvider();
  return useQuery({
    queryKey: ['dachwerk', 'chart'],
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const all: Account[] = [];
      for (let page = 1; ; page++) {
        const answer = await api.call<{ items: Account[]; total: number }>(
          'GET',
          'ledger/accounts',
          {
            query: { page, pageSize: 200 },
            signal,
          },
        );
        all.push(...answer.items);
        if (all.length >= answer.total || answer.items.length === 0) return all;
      }
    },
  });
}

export const accountLabel = (a: Pick<Account, 'number' | 'name'>): string =>
  `${a.number} ${a.name}`;
