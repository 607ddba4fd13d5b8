export interface MemberLike {
  organisationName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/** "Albrecht, Anna" for people, the organisation's name for organisations. */
export const memberName = (m: MemberLike): string =>
  m.organisationName ?? [m.lastName, m.firstName].filter(Boolean).join(', ');
