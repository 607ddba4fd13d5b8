import { HttpError } from 'react-admin';

/**
 * The one place that speaks HTTP to the API (`/api/v1`, same origin, session cookie).
 * Problem answers (application/problem+json) become an `ApiError` whose body carries the
 * server's field errors in react-admin's shape, so forms show them on the named inputs.
 */
export const API_BASE = '/api/v1';

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: FieldProblem[];
  details?: Record<string, unknown>;
  errorId?: string;
}

export class ApiError extends HttpError {
  constructor(readonly problem: Problem) {
    // A rule about one field (details.field) shows on that field like a validation error.
    const field = problem.details?.field;
    const errors =
      problem.errors ??
      (typeof field === 'string' ? [{ field, rule: problem.code, message: problem.detail }] : []);
    super(problem.detail || problem.code, problem.status, {
      problem,
      errors: fieldErrors(errors),
    });
  }
}

/** `lines.0.amountCents` stays a path: react-hook-form reads nested names the same way. */
export function fieldErrors(errors: FieldProblem[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const e of errors)
    byField[e.field] = byField[e.field] ? `${byField[e.field]} ${e.message}` : e.message;
  return byField;
}

let language = 'de';
/** The language of server messages (problem detail and field messages). */
export const setApiLanguage = (locale: string): void => {
  language = locale;
};

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/** A problem from whatever the server answered (problem+json, other JSON, or nothing). */
function problemFrom(status: number, statusText: string, body: unknown): Problem {
  const json = (body ?? {}) as Partial<Problem>;
  return {
    status,
    code: json.code ?? `HTTP_${status}`,
    detail: json.detail ?? statusText,
    errors: json.errors,
    details: json.details,
    errorId: json.errorId,
  };
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json')
    ? await response.json().catch(() => undefined)
    : undefined;
  return problemFrom(response.status, response.statusText, body);
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const isForm = options.body instanceof FormData;
  const response = await fetch(`${API_BASE}${withQuery(path, options.query)}`, {
    method,
    credentials: 'same-origin',
    signal: options.signal,
    headers: {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': language,
      ...(options.body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    },
    body:
      options.body === undefined
        ? undefined
        : isForm
          ? (options.body as FormData)
          : JSON.stringify(options.body),
  });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return response;
}

export async function requestJson<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** A file from the API, saved under the name the server gives (Content-Disposition). */
export async function downloadFile(path: string, query?: Query): Promise<string> {
  const response = await send('GET', path, { query, headers: { Accept: '*/*' } });
  const disposition = response.headers.get('content-disposition') ?? '';
  const name =
    /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ??
    /filename="?([^";]+)"?/i.exec(disposition)?.[1] ??
    path.split('/').pop() ??
    'download';
  const fileName = decodeURIComponent(name);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}

/**
 * Uploads with progress (fetch cannot report upload progress; XMLHttpRequest can).
 * `onProgress` gets 0..1.
 */
export function uploadForm<T>(
  path: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
  headers: Record<string, string> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', language);
    for (const [key, value] of Object.entries(headers)) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'NETWORK_ERROR', detail: 'Network error' }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(body as T);
        return;
      }
      reject(new ApiError(problemFrom(xhr.status, xhr.statusText, body)));
    };
    xhr.send(form);
  });
}
