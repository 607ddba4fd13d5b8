/** Helpers for hand-written migrations, so every append-only table is protected the same way. */

export const APP_ROLE = 'dachwerk_app';

/** REVOKE from the application role plus a trigger: both must fail for a change to slip through. */
export function appendOnly(table: string): string[] {
  return [
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM ${APP_ROLE}`,
    `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
       FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
       FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
  ];
}
