import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import type { Actor, Role } from './actor';

export const REQUIRED_ROLES = 'dachwerk:roles';

/**
 * Roles allowed on a route. On routes under /organisations/:orgId the roles must be
 * held in that organisation; elsewhere in any organisation.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

export type RequestWithActor = { actor?: Actor };

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Log in first');
  return actor;
});
