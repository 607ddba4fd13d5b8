import type { EntityManager } from 'typeorm';
import { DomainError } from '@dachwerk/shared';

/**
 * The lines' cost centres must be on the organisation's list, and active unless the
 * posting mirrors an earlier one (a reversal). The foreign key refuses unknown ones too;
 * this check answers first, naming the line.
 */
export async function checkCostCentres(
  m: EntityManager,
  organisationId: string,
  inputs: { lines: { costCentre?: string | null }[] }[],
  allowInactive: boolean,
): Promise<void> {
  const codes = [
    ...new Set(inputs.flatMap((i) => i.lines.map((l) => l.costCentre?.trim() || null))),
  ].filter((c): c is string => c !== null);
  if (!codes.length) return;
  const rows = await m.query<{ code: string; active: boolean }[]>(
    `SELECT code, active FROM cost_centres WHERE organisation_id = $1 AND code = ANY($2::text[])`,
    [organisationId, codes],
  );
  const known = new Map(rows.map((r) => [r.code, r.active]));
  inputs.forEach((input, entryIndex) =>
    input.lines.forEach((line, i) => {
      const code = line.costCentre?.trim();
      if (!code) return;
      const field = `lines.${i}.costCentre`;
      const active = known.get(code);
      if (active === undefined)
        throw new DomainError(
          'COST_CENTRE_UNKNOWN',
          `Cost centre ${code} is not on the organisation's list of cost centres`,
          { entryIndex, field, costCentre: code },
        );
      if (!active && !allowInactive)
        throw new DomainError('COST_CENTRE_INACTIVE', `Cost centre ${code} is deactivated`, {
          entryIndex,
          field,
          costCentre: code,
        });
    }),
  );
}
