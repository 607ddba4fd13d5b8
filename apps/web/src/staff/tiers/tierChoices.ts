export const MEMBER_FORMS = ['individual', 'organisation', 'initiative', 'project'] as const;
export const INTERVALS = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;

export const choices = (ids: readonly string[], prefix: string) =>
  ids.map((id) => ({ id, name: `${prefix}.${id}` }));
