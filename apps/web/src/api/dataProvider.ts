import type { DataProvider, GetListParams, Identifier, RaRecord } from 'react-admin';
import { downloadFile, requestJson, uploadForm, type Query, type RequestOptions } from './http';
import { orgPath, resourceDef, resourcePath } from './resources';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The largest page the API serves (libs/shared/http/page.ts). */
export const MAX_PAGE_SIZE = 200;

/** The API's own calls beyond CRUD, relative to the current organisation. */
export interface DachwerkDataProvider extends DataProvider {
  /** Any API call below `/organisations/<orgId>/`. */
  call<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** Any API call below `/api/v1/` (organisations, users, auth). */
  callGlobal<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  download(path: string, query?: Query): Promise<string>;
  upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T>;
}

function withId(resource: string, record: Record<string, unknown>): RaRecord {
  const idField = resourceDef(resource).idField;
  return (idField ? { ...record, id: record[idField] } : record) as RaRecord;
}

function listQuery(resource: string, params: GetListParams): Query {
  const { q, ...filter } = (params.filter ?? {}) as Record<string, unknown>;
  const search = resourceDef(resource).search;
  const query: Query = {
    page: params.pagination?.page ?? 1,
    pageSize: Math.min(params.pagination?.perPage ?? 25, MAX_PAGE_SIZE),
  };
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '') continue;
    query[key] = typeof value === 'object' ? JSON.stringify(value) : (value as string);
  }
  if (typeof q === 'string' && q.trim() && search) query[search] = q.trim();
  return query;
}

/**
 * What a form holds, as the API takes it: empty inputs ('' or null) are left out, since
 * every optional field of the API means "not given" when absent.
 */
export function withoutEmpty(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(withoutEmpty);
  if (!data || typeof data !== 'object') return data;
  return Object.fromEntries(
    Object.entries(data as Record<string, unknown>)
      .filter(([, v]) => v !== '' && v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutEmpty(v)]),
  );
}

/** Strips what react-admin adds to a record and the API does not take back. */
function body(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const { id: _id, ...rest } = data as Record<string, unknown>;
  return withoutEmpty(rest);
}

export function createDataProvider(orgId: string): DachwerkDataProvider {
  const itemPath = (resource: string, id: Identifier): string =>
    `${resourcePath(orgId, resource)}/${encodeURIComponent(String(id))}`;

  const getList = async (resource: string, params: GetListParams) => {
    const answer = await requestJson<Page<Record<string, unknown>> | Record<string, unknown>[]>(
      'GET',
      resourcePath(orgId, resource),
      { query: listQuery(resource, params), signal: params.signal },
    );
    // A few short lists (tiers) answer with a plain array rather than a page.
    const page = Array.isArray(answer) ? { items: answer, total: answer.length } : answer;
    return { data: page.items.map((item) => withId(resource, item)), total: page.total };
  };

  const getOne = async (resource: string, id: Identifier, signal?: AbortSignal) =>
    withId(
      resource,
      await requestJson<Record<string, unknown>>('GET', itemPath(resource, id), { signal }),
    );

  const provider: DachwerkDataProvider = {
    getList: async (resource, params) => {
      const result = await getList(resource, params);
      return result as { data: never[]; total: number };
    },
    getOne: async (resource, params) => ({
      data: (await getOne(resource, params.id, params.signal)) as never,
    }),
    getMany: async (resource, params) => ({
      data: (await Promise.all(
        params.ids.map((id) => getOne(resource, id, params.signal)),
      )) as never[],
    }),
    getManyReference: async (resource, params) => {
      const result = await getList(resource, {
        ...params,
        filter: {
          ...(params.filter as Record<string, unknown>),
          [params.target]: params.id,
        },
      });
      return result as { data: never[]; total: number };
    },
    create: async (resource, params) => ({
      data: withId(
        resource,
        await requestJson<Record<string, unknown>>('POST', resourcePath(orgId, resource), {
          body: withoutEmpty(params.data),
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ) as never,
    }),
    update: async (resource, params) => ({
      data: withId(
        resource,
        await requestJson<Record<string, unknown>>(
          resourceDef(resource).update ?? 'PATCH',
          itemPath(resource, params.id as Identifier),
          { body: body(params.data) },
        ),
      ) as never,
    }),
    updateMany: () => Promise.reject(new Error('The API changes records one at a time')),
    delete: () => Promise.reject(new Error('Records are corrected, not deleted')),
    deleteMany: () => Promise.reject(new Error('Records are corrected, not deleted')),
    call: (method, path, options = {}) =>
      requestJson(method, orgPath(orgId, path), {
        ...options,
        body: options.body instanceof FormData ? options.body : withoutEmpty(options.body),
      }),
    callGlobal: (method, path, options) => requestJson(method, `/${path}`, options),
    download: (path, query) => downloadFile(orgPath(orgId, path), query),
    upload: (path, form, onProgress) =>
      uploadForm(orgPath(orgId, path), form, onProgress, {
        'Idempotency-Key': crypto.randomUUID(),
      }),
  };
  return provider;
}
