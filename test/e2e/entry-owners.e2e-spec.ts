import { seedDemo } from '../../apps/cli/src/demo/seed-demo';
import { DEMO_PASSWORD, UMBRELLA } from '../../apps/cli/src/demo/demo-data';
import { login, startApi, TestApi } from '../support/api';

/**
 * An entry that belongs to a domain record is reversed only by that domain (issue 12,
 * item 3): the ledger's reversal route refuses it with ENTRY_OWNED_BY_DOMAIN naming the
 * owner, and the database refuses it too. Walked over the demo's books, which hold an
 * entry of every domain that books today.
 */
describe('journal entries owned by a domain record', () => {
  let api: TestApi;
  let orgId: string;
  let treasurer: { Authorization: string };
  let base: string;

  beforeAll(async () => {
    api = await startApi();
    await seedDemo(api.app);
    [{ id: orgId }] = await api.sql.query(`SELECT id FROM organisations WHERE name = $1`, [
      UMBRELLA.name,
    ]);
    base = `/api/v1/organisations/${orgId}`;
    treasurer = await login(api, 'treasurer@dachwerk.example', DEMO_PASSWORD);
  }, 120_000);
  afterAll(() => api?.close());

  const journalSize = async () =>
    Number((await api.sql.query(`SELECT count(*) AS n FROM journal_entries`))[0].n);

  /** The entry and its owner's id (or the ids it may be, for a booking of several transactions). */
  const one = async (sql: string): Promise<{ entry: string; owner: string | string[] }> => {
    const [row] = await api.superSql.query<{ entry: string; owner: string | string[] }[]>(sql, [
      orgId,
    ]);
    if (!row) throw new Error(`the demo has nothing for ${sql}`);
    return row;
  };

  /** Each domain's record and its entry, found through the record (not the entry's source). */
  const OWNERS: Record<string, { kind: string; sql: string }> = {
    donation: {
      kind: 'donation',
      sql: `SELECT journal_entry_id AS entry, id AS owner FROM donations d
             WHERE organisation_id = $1
               AND NOT EXISTS (SELECT 1 FROM donation_corrections c WHERE c.donation_id = d.id) LIMIT 1`,
    },
    'fee (receivable)': {
      kind: 'receivable',
      sql: `SELECT journal_entry_id AS entry, id AS owner FROM receivables
             WHERE organisation_id = $1 AND kind = 'fee' LIMIT 1`,
    },
    'funding commitment (application)': {
      kind: 'application',
      sql: `SELECT commitment_entry_id AS entry, id AS owner FROM applications
             WHERE organisation_id = $1 AND commitment_entry_id IS NOT NULL LIMIT 1`,
    },
    'expense claim (approval)': {
      kind: 'expense-claim',
      sql: `SELECT approval_entry_id AS entry, id AS owner FROM expense_claims
             WHERE organisation_id = $1 AND approval_entry_id IS NOT NULL LIMIT 1`,
    },
    'payout (the bank transaction that paid a claim)': {
      kind: 'bank-transaction',
      sql: `SELECT c.payout_entry_id AS entry,
                   ARRAY(SELECT t.id FROM bank_transactions t WHERE t.journal_entry_id = c.payout_entry_id) AS owner
              FROM expense_claims c WHERE c.organisation_id = $1 AND c.payout_entry_id IS NOT NULL LIMIT 1`,
    },
    'direct debit settled from the bank statement': {
      kind: 'bank-transaction',
      // A batch's booking can pay several transactions: it belongs to the first of them.
      sql: `SELECT t.journal_entry_id AS entry,
                   ARRAY(SELECT o.id FROM bank_transactions o WHERE o.journal_entry_id = t.journal_entry_id) AS owner
              FROM bank_transactions t
             WHERE t.organisation_id = $1 AND t.amount_cents > 0 AND t.journal_entry_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM donations d WHERE d.journal_entry_id = t.journal_entry_id) LIMIT 1`,
    },
    'fund inflow (initiative)': {
      kind: 'initiative',
      sql: `SELECT id AS entry, source_id AS owner FROM journal_entries
             WHERE organisation_id = $1 AND source = 'fund-inflow' LIMIT 1`,
    },
  };

  it.each(Object.entries(OWNERS))(
    'refuses the ledger reversal of a %s’s entry, naming the owner (422), and changes nothing',
    async (_what, { kind, sql }) => {
      const { entry, owner } = await one(sql);
      const before = await journalSize();
      const res = await api
        .http()
        .post(`${base}/ledger/entries/${entry}/reverse`)
        .set(treasurer)
        .send({})
        .expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({
        code: 'ENTRY_OWNED_BY_DOMAIN',
        details: { entryId: entry, owner: { kind } },
      });
      expect(Array.isArray(owner) ? owner : [owner]).toContain(res.body.details.owner.id);
      expect(await journalSize()).toBe(before);
      const original = await api.http().get(`${base}/ledger/entries/${entry}`).set(treasurer);
      expect(original.body.reversedByEntryId ?? null).toBeNull();
    },
  );

  it('covers every domain source in the books, also one not named above (owned is the default)', async () => {
    const sources = await api.superSql.query<{ id: string; source: string }[]>(
      `SELECT DISTINCT ON (source) id, source FROM journal_entries
        WHERE organisation_id = $1 AND source NOT IN ('manual', 'opening-balance', 'reclassification', 'reversal')
        ORDER BY source, entry_number`,
      [orgId],
    );
    expect(sources.map((s) => s.source)).toEqual(
      expect.arrayContaining(['donation', 'membership-fee', 'expense-claim', 'bank']),
    );
    for (const { id, source } of sources) {
      const res = await api
        .http()
        .post(`${base}/ledger/entries/${id}/reverse`)
        .set(treasurer)
        .send({});
      expect({ source, status: res.status, code: res.body.code }).toEqual({
        source,
        status: 422,
        code: 'ENTRY_OWNED_BY_DOMAIN',
      });
      expect(res.body.details.owner.source).toBe(source);
    }
  });

  it('lets the domain correct its own record: the reversal keeps the owner, and stays its own', async () => {
    const { entry, owner } = (await one(OWNERS.donation.sql)) as { entry: string; owner: string };
    const corrected = await api
      .http()
      .post(`${base}/donations/${owner}/corrections`)
      .set(treasurer)
      .send({ reason: 'Doppelt erfasst' })
      .expect(201);
    expect(corrected.body.corrected.correctedAt).toEqual(expect.any(String));
    const original = await api
      .http()
      .get(`${base}/ledger/entries/${entry}`)
      .set(treasurer)
      .expect(200);
    const reversal = await api
      .http()
      .get(`${base}/ledger/entries/${original.body.reversedByEntryId}`)
      .set(treasurer)
      .expect(200);
    expect(reversal.body).toMatchObject({
      source: 'donation',
      sourceId: owner,
      reversesEntryId: entry,
    });
    // The correction's reversal belongs to the donation as well.
    const again = await api
      .http()
      .post(`${base}/ledger/entries/${reversal.body.id}/reverse`)
      .set(treasurer)
      .send({})
      .expect(422);
    expect(again.body.details.owner).toMatchObject({ kind: 'donation', id: owner });
  });

  it('still reverses the ledger’s own entries (manual bookings) through its route', async () => {
    const [{ id }] = await api.superSql.query<{ id: string }[]>(
      `SELECT e.id FROM journal_entries e WHERE e.organisation_id = $1 AND e.source = 'manual'
          AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = e.id) LIMIT 1`,
      [orgId],
    );
    const res = await api
      .http()
      .post(`${base}/ledger/entries/${id}/reverse`)
      .set(treasurer)
      .send({})
      .expect(201);
    expect(res.body).toMatchObject({ source: 'reversal', sourceId: id, reversesEntryId: id });
  });

  it('is enforced by the database too: a reversal under another source, an owner left unnamed', async () => {
    const { entry } = await one(OWNERS['fee (receivable)'].sql);
    const [original] = await api.superSql.query<Record<string, unknown>[]>(
      `SELECT organisation_id, fiscal_year_id FROM journal_entries WHERE id = $1`,
      [entry],
    );
    const insert = (source: string, sourceId: string | null, reverses: string | null) =>
      api.sql.query(
        `INSERT INTO journal_entries (organisation_id, fiscal_year_id, entry_number, booked_on, document_on,
            document_no, text, source, source_id, reverses_entry_id, total_cents, hash)
         VALUES ($1, $2, 999999, CURRENT_DATE, CURRENT_DATE, 'X', 'X', $3, $4, $5, 1, decode(repeat('00', 32), 'hex'))`,
        [original.organisation_id, original.fiscal_year_id, source, sourceId, reverses],
      );
    await expect(insert('reversal', entry, entry)).rejects.toMatchObject({
      code: '23514',
      constraint: 'journal_entries_reversed_by_owner',
    });
    await expect(insert('donation', entry, entry)).rejects.toMatchObject({
      code: '23514',
      constraint: 'journal_entries_reversed_by_owner',
    });
    await expect(insert('payout', null, null)).rejects.toMatchObject({
      code: '23514',
      constraint: 'journal_entries_owner_named',
    });
  });
});
