/**
 * § 147 Abs. 3 AO: books, receipts and their vouchers are kept 10 years, counted from the
 * end of the calendar year of the last entry. A person's record that the books still need
 * is restricted (Art. 18 GDPR) until then and erased after (Art. 17 Abs. 3 lit. b).
 * One rule for members and donors; SQL because the due records are found in the database.
 */
export const RETENTION_YEARS = 10;

/** The first day on which the retention that `dateSql` (a date expression) started has ended. */
export const retentionEndsSql = (dateSql: string): string =>
  `make_date(extract(year FROM ${dateSql})::int + ${RETENTION_YEARS + 1}, 1, 1)`;

/** Who answers a person's GDPR requests (export, restriction, erasure). */
export const GDPR_REQUEST_ROLES = ['staff', 'admin'] as const;
