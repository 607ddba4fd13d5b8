/**
 * The API's own OpenAPI document as a list of operations that tests can walk, and a way
 * to build a request for any of them. It boots nothing: hand it the document the app
 * serves at `/docs-json`.
 *
 * ```ts
 * const api = await startApi();
 * const doc = await fetchOpenApi(api);                 // GET /docs-json
 * for (const op of operationsOf(doc)) {                 // every method × path, in order
 *   op.pathParams, op.queryParams, op.body?.schema      // $refs resolved
 *   op.roles                                            // from @Roles() (x-roles), if any
 *   const req = buildRequest(op, {
 *     fill: (field) => field.name === 'orgId' ? orgId : ids[field.name],  // or a plain record
 *     includeOptional: false,                           // optional fields only when filled
 *   });
 *   if (req.unfilled.length) ...                        // required ids nobody supplied
 *   const res = await send(api, req).set(auth);         // a supertest Test
 * }
 * ```
 *
 * Values come, in this order, from `fill` (a function or a record keyed by field name;
 * `OMIT` leaves a field out), the schema's `example`, `default`, first `enum` value, and
 * finally a plain value of the schema's type and format. Fields are addressed by
 * `FieldRef`: where they sit (path, query, header, body), their name and their JSON path
 * inside the body, so a fuzzer can swap any single value for a hostile one.
 */
import type { Test } from 'supertest';
import type { TestApi } from './api';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export interface SchemaObject {
  $ref?: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  description?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  additionalProperties?: boolean | SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
}

interface OperationObject {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: SchemaObject }> };
  responses?: Record<string, unknown>;
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
  'x-public'?: boolean;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface ApiParameter {
  name: string;
  required: boolean;
  /** Resolved: no $ref left. */
  schema: SchemaObject;
  description?: string;
  /**
   * Path parameters only: the path segment in front of it, i.e. what the id names
   * (`donors` for `/donors/{id}`, `periods` for `/periods/{periodNo}`).
   */
  resource?: string;
}

export interface ApiBody {
  contentType: string;
  required: boolean;
  /** Resolved: no $ref left. */
  schema: SchemaObject;
}

export interface ApiOperation {
  /** `DonationsController_merge`, or `POST /path` when the document has none. */
  operationId: string;
  method: HttpMethod;
  /** As in the document, e.g. `/api/v1/organisations/{orgId}/donors/{id}`. */
  path: string;
  tags: string[];
  pathParams: ApiParameter[];
  queryParams: ApiParameter[];
  headerParams: ApiParameter[];
  body?: ApiBody;
  /** Roles from @Roles() (the `x-roles` extension); undefined when the route names none. */
  roles?: readonly string[];
  /** Marked @Public(): no session needed. */
  isPublic: boolean;
  /** Status codes the operation documents. */
  responses: string[];
}

export type FieldLocation = 'path' | 'query' | 'header' | 'body';

/** One value a request carries. */
export interface FieldRef {
  operation: ApiOperation;
  in: FieldLocation;
  /** The parameter or property name (for array items: the array's name). */
  name: string;
  /** Inside the body: property names and array indexes from the root; else `[name]`. */
  path: readonly (string | number)[];
  schema: SchemaObject;
  required: boolean;
  /** Path parameters only: see ApiParameter.resource. */
  resource?: string;
}

/** Returned by a fill to leave a field out. */
export const OMIT: unique symbol = Symbol('omit');
export type FillValue = unknown;
export type Fill = ((field: FieldRef) => FillValue) | Record<string, FillValue>;

export interface BuildOptions {
  /** Values by field; undefined falls back to the schema. */
  fill?: Fill;
  /** Also fill optional query parameters and body properties the fill does not name. */
  includeOptional?: boolean;
}

export interface BuiltFile {
  content: Buffer;
  filename: string;
}

export interface BuiltRequest {
  operation: ApiOperation;
  method: HttpMethod;
  /** Path with parameters filled and encoded, plus the query string. */
  url: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  contentType?: string;
  /** JSON body, or the non-file fields of a multipart body. */
  body?: unknown;
  /** Multipart file fields. */
  files: Record<string, BuiltFile>;
  /** Required path parameters the fill did not supply (filled with a placeholder uuid). */
  unfilled: FieldRef[];
}

/** Fetches the document the app serves. */
export async function fetchOpenApi(api: Pick<TestApi, 'http'>): Promise<OpenApiDocument> {
  const res = await api.http().get('/docs-json').expect(200);
  return res.body as OpenApiDocument;
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) operations.push(toOperation(doc, path, method, op));
    }
  }
  return operations;
}

function toOperation(
  doc: OpenApiDocument,
  path: string,
  method: HttpMethod,
  op: OperationObject,
): ApiOperation {
  const params = op.parameters ?? [];
  const toParam = (p: ParameterObject): ApiParameter => ({
    name: p.name,
    required: p.in === 'path' || p.required === true,
    schema: resolveSchema(doc, p.schema ?? { type: 'string' }),
    description: p.description,
    resource: p.in === 'path' ? resourceOf(path, p.name) : undefined,
  });
  const content = op.requestBody?.content ?? {};
  const contentType = Object.keys(content)[0];
  return {
    operationId: op.operationId ?? `${method.toUpperCase()} ${path}`,
    method,
    path,
    tags: op.tags ?? [],
    pathParams: params.filter((p) => p.in === 'path').map(toParam),
    queryParams: params.filter((p) => p.in === 'query').map(toParam),
    headerParams: params.filter((p) => p.in === 'header').map(toParam),
    body: contentType
      ? {
          contentType,
          required: op.requestBody?.required === true,
          schema: resolveSchema(doc, content[contentType].schema ?? { type: 'object' }),
        }
      : undefined,
    roles: op['x-roles'],
    isPublic: op['x-public'] === true,
    responses: Object.keys(op.responses ?? {}),
  };
}

/** The literal segment in front of `{name}` in a path template. */
export function resourceOf(path: string, name: string): string | undefined {
  const segments = path.split('/');
  const at = segments.indexOf(`{${name}}`);
  for (let i = at - 1; i >= 0; i--) {
    if (!segments[i].startsWith('{')) return segments[i];
  }
  return undefined;
}

/** A copy of the schema with every $ref replaced by its target (recursion stops at a cycle). */
export function resolveSchema(
  doc: OpenApiDocument,
  schema: SchemaObject,
  seen: readonly string[] = [],
): SchemaObject {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return { type: 'object', description: `(recursive ${name})` };
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`OpenAPI: unresolved $ref ${schema.$ref}`);
    const { $ref: _ref, ...siblings } = schema;
    return { ...resolveSchema(doc, target, [...seen, name]), ...siblings };
  }
  const out: SchemaObject = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolveSchema(doc, v, seen)]),
    );
  }
  if (schema.items) out.items = resolveSchema(doc, schema.items, seen);
  if (typeof schema.additionalProperties === 'object') {
    out.additionalProperties = resolveSchema(doc, schema.additionalProperties, seen);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (schema[key]) out[key] = schema[key].map((s) => resolveSchema(doc, s, seen));
  }
  if (out.allOf) return mergeAllOf(out);
  return out;
}

function mergeAllOf(schema: SchemaObject): SchemaObject {
  const { allOf = [], ...rest } = schema;
  return allOf.reduce<SchemaObject>(
    (acc, part) => ({
      ...acc,
      ...part,
      properties: { ...acc.properties, ...part.properties },
      required: [...(acc.required ?? []), ...(part.required ?? [])],
    }),
    rest,
  );
}

/**
 * Every value the operation can carry: path, query and header parameters, and each body
 * property down to the leaves (array items as index 0). Objects are listed before their
 * properties.
 */
export function fieldsOf(op: ApiOperation): FieldRef[] {
  const fields: FieldRef[] = [];
  const param = (location: FieldLocation, p: ApiParameter): FieldRef => ({
    operation: op,
    in: location,
    name: p.name,
    path: [p.name],
    schema: p.schema,
    required: p.required,
    resource: p.resource,
  });
  fields.push(...op.pathParams.map((p) => param('path', p)));
  fields.push(...op.queryParams.map((p) => param('query', p)));
  fields.push(...op.headerParams.map((p) => param('header', p)));
  const walk = (schema: SchemaObject, path: (string | number)[], required: boolean): void => {
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      const at = [...path, name];
      const isRequired = required && (schema.required ?? []).includes(name);
      fields.push({
        operation: op,
        in: 'body',
        name,
        path: at,
        schema: prop,
        required: isRequired,
      });
      walk(prop, at, isRequired);
      if (prop.type === 'array' && prop.items) {
        fields.push({
          operation: op,
          in: 'body',
          name,
          path: [...at, 0],
          schema: prop.items,
          required: isRequired,
        });
        walk(prop.items, [...at, 0], isRequired);
      }
    }
  };
  if (op.body) walk(op.body.schema, [], true);
  return fields;
}

const PLACEHOLDER_UUID = '00000000-0000-4000-8000-000000000000';

/** A value that satisfies the schema's type and format (not its business rules). */
export function sampleOf(schema: SchemaObject): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const variant = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (variant) return sampleOf(variant);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return schema.items
        ? Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sampleOf(schema.items!))
        : [];
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((k) => [k, sampleOf(schema.properties?.[k] ?? {})]),
      );
    default:
      return sampleString(schema);
  }
}

function sampleString(schema: SchemaObject): string {
  switch (schema.format) {
    case 'uuid':
      return PLACEHOLDER_UUID;
    case 'date':
      return '2026-01-15';
    case 'date-time':
      return '2026-01-15T12:00:00.000Z';
    case 'email':
      return 'someone@example.org';
    case 'binary':
      return 'content';
    default:
      return 'Test'.padEnd(schema.minLength ?? 0, 'x');
  }
}

/** Builds the request an operation describes; see the file header for where values come from. */
export function buildRequest(op: ApiOperation, options: BuildOptions = {}): BuiltRequest {
  const fill = toFillFunction(options.fill);
  const includeOptional = options.includeOptional ?? false;
  const unfilled: FieldRef[] = [];

  const valueOf = (field: FieldRef): unknown => {
    const given = fill(field);
    if (given !== undefined) return given;
    if (!field.required && !includeOptional) return OMIT;
    if (field.in === 'path') unfilled.push(field);
    const { schema } = field;
    if (schema.type === 'array' && schema.items) {
      const count = Math.max(1, schema.minItems ?? 0);
      return Array.from({ length: count }, (_, i) =>
        valueOf({ ...field, path: [...field.path, i], schema: schema.items!, required: true }),
      );
    }
    if (schema.properties) return objectOf(field);
    return sampleOf(schema);
  };

  const objectOf = (parent: FieldRef): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(parent.schema.properties ?? {})) {
      const value = valueOf({
        operation: op,
        in: 'body',
        name,
        path: [...parent.path, name],
        schema,
        required: parent.required && (parent.schema.required ?? []).includes(name),
      });
      if (value !== OMIT) out[name] = value;
    }
    return out;
  };

  let path = op.path;
  const fields = fieldsOf(op);
  for (const field of fields.filter((f) => f.in === 'path')) {
    const value = valueOf(field);
    path = path.replace(`{${field.name}}`, encodeURIComponent(value === OMIT ? '' : String(value)));
  }
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const field of fields.filter((f) => f.in === 'query' || f.in === 'header')) {
    const value = valueOf(field);
    if (value === OMIT) continue;
    (field.in === 'query' ? query : headers)[field.name] = String(value);
  }

  const files: Record<string, BuiltFile> = {};
  let body: unknown;
  if (op.body) {
    body = objectOf({
      operation: op,
      in: 'body',
      name: '',
      path: [],
      schema: op.body.schema,
      required: true,
    });
    if (op.body.contentType === 'multipart/form-data') {
      const parts = body as Record<string, unknown>;
      for (const [name, prop] of Object.entries(op.body.schema.properties ?? {})) {
        if (prop.format !== 'binary' || parts[name] === undefined) continue;
        files[name] = toFile(parts[name], name);
        delete parts[name];
      }
    }
  }

  const search = new URLSearchParams(query).toString();
  return {
    operation: op,
    method: op.method,
    url: search ? `${path}?${search}` : path,
    query,
    headers,
    contentType: op.body?.contentType,
    body,
    files,
    unfilled,
  };
}

function toFile(value: unknown, name: string): BuiltFile {
  if (Buffer.isBuffer(value)) return { content: value, filename: `${name}.bin` };
  if (typeof value === 'object' && value !== null && 'content' in value) {
    return value as BuiltFile;
  }
  return { content: Buffer.from(String(value)), filename: `${name}.txt` };
}

function toFillFunction(fill: Fill | undefined): (field: FieldRef) => unknown {
  if (!fill) return () => undefined;
  if (typeof fill === 'function') return fill;
  return (field) => (Object.hasOwn(fill, field.name) ? fill[field.name] : undefined);
}

/** Sends a built request through supertest; chain `.set(auth)` and `.expect(...)` as usual. */
export function send(api: Pick<TestApi, 'http'>, req: BuiltRequest): Test {
  let test = api.http()[req.method](req.url);
  for (const [name, value] of Object.entries(req.headers)) test = test.set(name, value);
  if (req.contentType === 'multipart/form-data') {
    for (const [name, value] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
      test = test.field(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    for (const [name, file] of Object.entries(req.files)) {
      test = test.attach(name, file.content, file.filename);
    }
    return test;
  }
  return req.body === undefined ? test : test.send(req.body as object);
}
