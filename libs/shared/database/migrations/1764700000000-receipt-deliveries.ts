import { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail deliveries of receipts: what was sent to whom, and when (or why not). */
export class ReceiptDeliveries1764700000000 implements MigrationInterface {
  name = 'ReceiptDeliveries1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE receipt_deliveries (
      id uuid PRIMARY KEY,
      receipt_id uuid NOT NULL REFERENCES receipts(id),
      email text NOT NULL CHECK (email LIKE '%_@_%'),
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      error text,
      requested_by uuid REFERENCES users(id),
      requested_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      CHECK ((status = 'sent') = (sent_at IS NOT NULL))
    )`);
    await q.query(
      `CREATE INDEX receipt_deliveries_receipt ON receipt_deliveries (receipt_id, requested_at)`,
    );
    await q.query(`REVOKE DELETE, TRUNCATE ON receipt_deliveries FROM dachwerk_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE receipt_deliveries`);
  }
}
