import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { DachwerkDataProvider } from './dataProvider';
import { ApiError, type Query, type RequestOptions } from './http';

export function useApiProvider(): DachwerkDataProvider {
  return useDataProvider<DachwerkDataProvider>();
}

/** A GET below the current organisation, cached like react-admin's own queries. */
export function useApi<T>(path: string | undefined, query?: Query) {
  const api = useApiProvider();
  return useQuery({
    queryKey: ['dachwerk', path, query],
    queryFn: ({ signal }) => api.call<T>('GET', path ?? '', { query, signal }),
    enabled: !!path,
  });
}

/** A message for any error the API gave (its own text, in the user's language). */
export function useErrorText(): (error: unknown) => string {
  const translate = useTranslate();
  return (error) =>
    error instanceof ApiError
      ? error.message
      : error instanceof Error
        ? error.message
        : translate('ra.notification.http_error');
}

/**
 * A change through the API (POST/PUT): notifies success or the server's message, and
 * refreshes what is on screen. Rejects with the ApiError so forms can show field errors.
 */
export function useApiAction<T = unknown>(success?: string) {
  const api = useApiProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  return useMutation({
    mutationFn: ({
      method = 'POST',
      path,
      ...options
    }: { method?: string; path: string } & RequestOptions) => api.call<T>(method, path, options),
    onSuccess: async () => {
      if (success) notify(success, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['dachwerk'] });
      refresh();
    },
    onError: (error) => notify(errorText(error), { type: 'error' }),
  });
}
