import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts belong to their holders (issue 12): attaching an existing account to an
 * organisation is an invitation the holder answers, and passwords are set by the holder
 * through a one-time token (welcome link of a new account, or a reset). Tokens are
 * stored only as SHA-256, like sessions.
 */
export class AccountConsent1765400000000 implements MigrationInterface {
  name = 'AccountConsent1765400000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE invitations (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         user_id uuid NOT NULL REFERENCES users(id),
         organisation_id uuid NOT NULL REFERENCES organisations(id),
         roles text[] NOT NULL CHECK (cardinality(roles) > 0
           AND roles <@ ARRAY['admin', 'staff', 'treasurer', 'board', 'initiative']),
         initiative_ids uuid[] NOT NULL DEFAULT '{}'
           CHECK (cardinality(initiative_ids) = 0 OR 'initiative' = ANY (roles)),
         invited_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
         answer text CHECK (answer IN ('accepted', 'declined')),
         answered_at timestamptz,
         CHECK ((answer IS NULL) = (answered_at IS NULL))
       )`,
      // One open invitation per account and organisation; inviting again widens it.
      `CREATE UNIQUE INDEX invitations_one_open ON invitations (user_id, organisation_id) WHERE answer IS NULL`,
      `CREATE TABLE password_tokens (
         token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
         user_id uuid NOT NULL REFERENCES users(id),
         purpose text NOT NULL CHECK (purpose IN ('welcome', 'reset')),
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
         used_at timestamptz
       )`,
      `CREATE INDEX password_tokens_open ON password_tokens (user_id) WHERE used_at IS NULL`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_tokens`);
    await q.query(`DROP TABLE invitations`);
  }
}
