import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database's own guard for the rule funding checks first (FundsService.withdraw):
 * a booking statement that takes money out of an initiative's cost centre may not leave
 * its fund below zero — whoever books it (a manual entry included). It runs after each
 * statement on the monthly balances, which every posting updates in its transaction.
 */
export class FundsNeverOverdrawn1765300000000 implements MigrationInterface {
  name = 'FundsNeverOverdrawn1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const check = (deltaSql: string) => `
       DECLARE bad record;
       BEGIN
         FOR bad IN
           WITH delta AS (${deltaSql}),
                lowered AS (
                  SELECT d.organisation_id, d.cost_centre FROM delta d
                    JOIN accounts a ON a.organisation_id = d.organisation_id AND a.number = d.account_number AND a.type IN ('income', 'expense')
                    JOIN initiatives i ON i.organisation_id = d.organisation_id AND i.cost_centre = d.cost_centre
                   GROUP BY d.organisation_id, d.cost_centre HAVING sum(d.cents) < 0)
           SELECT l.cost_centre, (SELECT sum(b.credit_cents - b.debit_cents) FROM account_month_balances b
                                    JOIN accounts a ON a.organisation_id = b.organisation_id AND a.number = b.account_number
                                   WHERE b.organisation_id = l.organisation_id AND b.cost_centre = l.cost_centre
                                     AND a.type IN ('income', 'expense')) AS fund
             FROM lowered l
         LOOP
           IF bad.fund < 0 THEN
             RAISE EXCEPTION 'The fund of cost centre % would be overdrawn (% cents)', bad.cost_centre, bad.fund
               USING ERRCODE = 'check_violation', CONSTRAINT = 'funds_never_overdrawn';
           END IF;
         END LOOP;
         RETURN NULL;
       END`;
    const statements = [
      `CREATE FUNCTION funds_never_overdrawn_insert() RETURNS trigger LANGUAGE plpgsql AS $$
       ${check(`SELECT organisation_id, cost_centre, account_number, credit_cents - debit_cents AS cents FROM new_rows WHERE cost_centre <> ''`)} $$`,
      `CREATE FUNCTION funds_never_overdrawn_update() RETURNS trigger LANGUAGE plpgsql AS $$
       ${check(`SELECT n.organisation_id, n.cost_centre, n.account_number,
                       (n.credit_cents - n.debit_cents) - (o.credit_cents - o.debit_cents) AS cents
                  FROM new_rows n JOIN old_rows o USING (organisation_id, month, account_number, sphere, cost_centre)
                 WHERE n.cost_centre <> ''`)} $$`,
      `CREATE TRIGGER funds_never_overdrawn_insert AFTER INSERT ON account_month_balances
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_never_overdrawn_insert()`,
      `CREATE TRIGGER funds_never_overdrawn_update AFTER UPDATE ON account_month_balances
         REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_never_overdrawn_update()`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER funds_never_overdrawn_update ON account_month_balances`);
    await q.query(`DROP TRIGGER funds_never_overdrawn_insert ON account_month_balances`);
    await q.query(`DROP FUNCTION funds_never_overdrawn_update()`);
    await q.query(`DROP FUNCTION funds_never_overdrawn_insert()`);
  }
}
