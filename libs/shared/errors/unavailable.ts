/**
 * Errors that mean "the database is not reachable right now" (restart, failover, network)
 * rather than "this request is wrong": answered 503 with Retry-After, never 500.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATE: 08 connection exception, 57P01–03 shutdown/starting up, 53300 too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

const NODE_PG_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; driverError?: unknown } | undefined,
      depth = 0;
    e && depth < 3;
    e = e.driverError as typeof e, depth++
  ) {
    if (
      typeof e.code === 'string' &&
      (NETWORK_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))
    )
      return true;
    if (typeof e.message === 'string' && NODE_PG_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** Seconds a client should wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
