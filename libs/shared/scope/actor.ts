import { DomainError, notFound } from '../errors/domain-error';

export const ROLES = ['admin', 'staff', 'treasurer', 'board', 'initiative'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting, and where. Built once per request from the session; services take
 * it and check roles and organisation scope again (the guard is not the only wall).
 */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  /** May create organisations; sees no organisation's data without a role in it. */
  isPlatformAdmin: boolean;
  /** Roles per organisation id. */
  roles: Record<string, Role[]>;
  /** For role `initiative`: the initiatives the user acts for, per organisation id. */
  initiativeIds: Record<string, string[]>;
}

export function organisationIdsOf(actor: Actor): string[] {
  return Object.keys(actor.roles);
}

export function hasRole(actor: Actor, organisationId: string, roles: readonly Role[]): boolean {
  const own = actor.roles[organisationId] ?? [];
  return roles.some((role) => own.includes(role));
}

/**
 * The scope rule: an organisation the actor has no role in does not exist for them (404);
 * one they belong to but without the needed role is forbidden (403).
 */
export function assertOrganisationRole(
  actor: Actor,
  organisationId: string,
  roles: readonly Role[] = ROLES,
): void {
  if (!actor.roles[organisationId]?.length) throw notFound('Organisation', organisationId);
  if (!hasRole(actor, organisationId, roles)) {
    throw new DomainError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`, {
      requiredRoles: roles,
    });
  }
}
