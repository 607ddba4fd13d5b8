import { z } from 'zod';
import { parseTrustProxy } from './trust-proxy';

/**
 * Every environment variable Dachwerk reads, in one typed schema.
 * config/.env.example lists the same variables; keep both in step.
 */
const postgresUrl = z
  .string({ required_error: 'is required' })
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const variables = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Connection of the application role (owns no table). */
  DATABASE_URL: postgresUrl,
  /** Connection of the owner role that runs migrations; defaults to DATABASE_URL. */
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string({ required_error: 'is required' })
    .regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  /** Key prefix of all BullMQ queues; lets several installations share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/, 'only a-z, 0-9, _ and -')
    .default('dachwerk'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Absolute lifetime of a session. */
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(12 * 60),
  /** A session unused for this long ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  /**
   * How long a process may answer from its cached copy of a session (0 = never cache).
   * Changes reach every process at once through Redis; this bounds what a change made
   * behind the application's back (plain SQL) takes to show.
   */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Login attempts per IP and minute before 429. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /**
   * Behind a reverse proxy: how many proxies are in front (a hop count), or their
   * addresses/subnets; X-Forwarded-For is believed only that far. Never "true".
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((raw, ctx) => {
      const parsed = parseTrustProxy(raw);
      if (typeof parsed === 'object' && 'error' in parsed) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
        return z.NEVER;
      }
      return parsed;
    }),
  /** Outgoing mail (receipts, letters), e.g. smtp://user:pass@mail.example:587; unset = no e-mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Sender of outgoing mail, required with SMTP_URL. */
  SMTP_FROM: z.string().min(3).optional(),
  /** Address of the web app as users reach it; links in e-mails (set a password) start with it. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .optional(),
  /** Where documents (generated PDFs, SEPA files, uploads) are kept: a local directory or an S3 bucket. */
  DOCUMENTS_STORE: z.enum(['local', 's3']).default('local'),
  /** The directory of DOCUMENTS_STORE=local. */
  DOCUMENTS_DIR: z.string().min(1).default('.data/documents'),
  /** OpenAPI at /docs and /docs-json; default: on, except with NODE_ENV=production. */
  API_DOCS: boolean.optional(),
  /** Queue dashboard at /admin/queues (platform admins); default: on, except in production. */
  QUEUE_DASHBOARD: boolean.optional(),
  /** DOCUMENTS_STORE=s3: bucket (required), key prefix, endpoint of a non-AWS store, region. */
  DOCUMENTS_S3_BUCKET: z.string().min(3).max(63).optional(),
  DOCUMENTS_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, "empty, or segments of A-Za-z0-9._- each ending in '/'")
    .default(''),
  DOCUMENTS_S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .optional(),
  DOCUMENTS_S3_REGION: z.string().min(1).default('us-east-1'),
  /** Unset: the AWS SDK's default credential chain (AWS_* variables, instance role). */
  DOCUMENTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  DOCUMENTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (endpoint/bucket/key), which most non-AWS stores need. */
  DOCUMENTS_S3_FORCE_PATH_STYLE: boolean.default('false'),
});

/** The schema with the defaults that depend on other variables filled in. */
export const configSchema = variables.transform((c) => ({
  ...c,
  API_DOCS: c.API_DOCS ?? c.NODE_ENV !== 'production',
  QUEUE_DASHBOARD: c.QUEUE_DASHBOARD ?? c.NODE_ENV !== 'production',
}));

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment; a bad or missing value names the variable. */
export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const result = configSchema.safeParse(env);
  if (result.success && result.data.SMTP_URL && !result.data.SMTP_FROM) {
    throw new ConfigError('Invalid configuration:\n  SMTP_FROM: is required when SMTP_URL is set');
  }
  if (result.success && result.data.DOCUMENTS_STORE === 's3' && !result.data.DOCUMENTS_S3_BUCKET) {
    throw new ConfigError(
      'Invalid configuration:\n  DOCUMENTS_S3_BUCKET: is required when DOCUMENTS_STORE is s3',
    );
  }
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
