import { hasRole, type Actor, type Role } from './actor';

/**
 * Roles whose work needs people's street address, e-mail, phone and bank details: the
 * office writes letters and answers GDPR requests, the treasurer collects by SEPA and
 * addresses receipts, the organisation's admin stands in for both. The board steers and
 * sees who is a member or donor and where they live (town), not how to reach or debit
 * them (Art. 5 (1) c GDPR, data minimisation).
 */
export const CONTACT_DETAIL_ROLES: readonly Role[] = ['staff', 'treasurer', 'admin'];

export function seesContactDetails(actor: Actor, organisationId: string): boolean {
  return hasRole(actor, organisationId, CONTACT_DETAIL_ROLES);
}

/**
 * A record as this actor may see it: the contact and bank fields are left out (not
 * blanked, so "not shown" never reads as "not known") unless the actor's role needs them.
 */
export function projectPersonalData<T extends object, K extends keyof T>(
  actor: Actor,
  organisationId: string,
  record: T,
  contactFields: readonly K[],
): T | Omit<T, K> {
  if (seesContactDetails(actor, organisationId)) return record;
  const projected = { ...record };
  for (const field of contactFields) delete projected[field];
  return projected;
}
