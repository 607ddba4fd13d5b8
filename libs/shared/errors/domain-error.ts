/**
 * The one error type services throw. The code is stable and documented; the
 * global filter maps it to an HTTP status through ERROR_STATUS.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Overrides the status derived from the code. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A field-level problem, reported in problem+json `errors`. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/** Codes shared by every library; libraries add their own via status on DomainError. */
export const ERROR_STATUS: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  TOO_MANY_REQUESTS: 429,
  ACCOUNT_LOCKED: 429,
};

/** 404: the record does not exist in the caller's scope; `field` names where a body id came from. */
export function notFound(entity: string, id: string, field?: string): DomainError {
  return new DomainError('NOT_FOUND', `${entity} not found`, {
    entity,
    id,
    ...(field ? { field } : {}),
  });
}

export function validationFailed(errors: FieldError[]): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The request is invalid', { errors });
}
