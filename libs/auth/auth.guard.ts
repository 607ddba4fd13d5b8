import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import {
  assertOrganisationRole,
  DomainError,
  hasRole,
  IS_PUBLIC,
  organisationIdsOf,
  REQUIRED_ROLES,
  type RequestWithActor,
  type Role,
} from '@dachwerk/shared';
import { AuthService } from './auth.service';
import { tokenOf } from './session-token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Global guard: every route needs a live session unless marked @Public(). Roles from
 * @Roles() are checked against the organisation in the path (:orgId); an organisation
 * the actor does not belong to answers 404, as if it did not exist.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const token = tokenOf(req);
    const actor = token ? await this.auth.authenticate(token) : undefined;
    if (!actor)
      throw new DomainError('UNAUTHENTICATED', 'Log in first; the session is missing or has ended');
    req.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const orgId = (req.params as Record<string, string | undefined> | undefined)?.orgId;
    if (orgId !== undefined) {
      // A malformed id cannot name an organisation the actor belongs to.
      if (!UUID.test(orgId))
        throw new DomainError('NOT_FOUND', 'Organisation not found', { id: orgId });
      assertOrganisationRole(actor, orgId, roles);
    } else if (
      roles &&
      !actor.isPlatformAdmin &&
      !organisationIdsOf(actor).some((org) => hasRole(actor, org, roles))
    ) {
      throw new DomainError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`, {
        requiredRoles: roles,
      });
    }
    return true;
  }
}
