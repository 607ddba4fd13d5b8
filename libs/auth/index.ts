// Users, passwords (argon2id), sessions (random tokens stored as hashes), login with a
// throttle in Redis, and the global guard that turns a token into an Actor and checks @Roles.
export * from './auth.module';
export * from './auth.api.module';
export * from './auth.jobs.module';
export * from './auth.service';
export * from './users.service';
export * from './account.service';
export * from './invitations.service';
export type { PasswordLink } from './password-links.service';
export * from './admin-bootstrap.service';
export * from './auth.guard';
export * from './password-hasher';
export * from './password-policy';
export { SESSION_COOKIE, tokenOf, hashToken } from './session-token';
export {
  LoginThrottle,
  FAILURES_BEFORE_LOCK,
  FIRST_LOCK_SECONDS,
  MAX_LOCK_SECONDS,
} from './login-throttle';
export { SessionCache } from './session-cache';
