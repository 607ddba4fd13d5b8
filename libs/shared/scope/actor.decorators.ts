import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { DomainError } from '../errors/domain-error';
import type { Actor, Role } from './actor';

export const REQUIRED_ROLES = 'dachwerk:roles';

/**
 * Roles allowed on a route. On routes under /organisations/:orgId the roles must be
 * held in that organisation; elsewhere in any organisation. The OpenAPI document lists
 * them as `x-roles`, so tests that walk the document know what each route needs.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiExtension('x-roles', roles));

export type RequestWithActor = { actor?: Actor };

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Log in first');
  return actor;
});
