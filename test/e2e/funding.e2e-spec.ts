import { XMLParser } from 'fast-xml-parser';
import { writeCamt053 } from '@dachwerk/banking';
import { ProofsOfUseService } from '@dachwerk/funding';
import { addDays, JobQueue, nextTargetBusinessDay, todayIso, xsdErrors } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { binary } from '../support/binary';
import { login, startApi, TestApi, waitFor } from '../support/api';

type Auth = { Authorization: string };
const ORG_IBAN = 'DE89370400440532013000';
const PAYEE_IBAN = 'DE02120300000000202051';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('pass-through funding over HTTP', () => {
  let api: TestApi;
  let orgId: string;
  let base: string;
  let staff: Auth;
  let treasurer: Auth;
  let treasurer2: Auth;
  let board: Auth;
  let board2: Auth;
  let boardConflicted: Auth;
  let iniA: Auth;
  let iniB: Auth;
  let garden: { id: string; costCentre: string };
  let repair: { id: string; costCentre: string };
  let pot: { id: string; costCentre: string };
  const year = todayIso().slice(0, 4);

  const initiative = async (name: string, costCentre: string, feeBasisPoints: number) =>
    (
      await api
        .http()
        .post(`${base}/initiatives`)
        .set(staff)
        .send({
          name,
          purpose: `${name} im Quartier`,
          taxPurpose: 'Förderung des bürgerschaftlichen Engagements',
          costCentre,
          status: 'active',
          agreementSignedOn: '2025-01-01',
          feeBasisPoints,
        })
        .expect(201)
    ).body as { id: string; costCentre: string };
  const fund = async (id: string, auth: Auth = treasurer) =>
    (await api.http().get(`${base}/initiatives/${id}/fund`).set(auth).expect(200)).body as {
      availableCents: number;
      commitmentsCents: number;
      movements: { total: number };
    };
  const claim = (
    auth: Auth,
    initiativeId: string,
    amountCents: number,
    over: Record<string, unknown> = {},
  ) =>
    api
      .http()
      .post(`${base}/expense-claims`)
      .set(auth)
      .send({
        initiativeId,
        kind: 'invoice',
        description: 'Gartenerde und Saatgut',
        amountCents,
        payeeName: 'Baumarkt Süd',
        payeeIban: PAYEE_IBAN,
        ...over,
      });
  /** The cost centre's result straight from the journal lines, as the independent check. */
  const ledgerResult = async (costCentre: string) =>
    Number(
      (
        await api.sql.query(
          `SELECT COALESCE(sum(CASE l.side WHEN 'C' THEN l.amount_cents ELSE -l.amount_cents END), 0) AS cents
             FROM journal_lines l JOIN accounts a ON a.organisation_id = l.organisation_id AND a.number = l.account_number
            WHERE l.organisation_id = $1 AND l.cost_centre = $2 AND a.type IN ('income', 'expense')`,
          [orgId, costCentre],
        )
      )[0].cents,
    );

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql, { name: 'Dachverein Bürgerengagement e.V.' })).id;
    base = `/api/v1/organisations/${orgId}`;
    await api.sql.query(
      `INSERT INTO organisation_bank_accounts (organisation_id, label, iban, is_default) VALUES ($1, 'Giro', $2, true)`,
      [orgId, ORG_IBAN],
    );
    const as = async (roles: ('staff' | 'treasurer' | 'board' | 'initiative')[]) => {
      const u = await createUser(api.sql, { roles: { [orgId]: roles } });
      return { id: u.id, auth: await login(api, u.email, u.password) };
    };
    [staff, treasurer, treasurer2, board, board2, boardConflicted] = (
      await Promise.all([
        as(['staff']),
        as(['treasurer']),
        as(['treasurer']),
        as(['board']),
        as(['board']),
        as(['board']),
      ])
    ).map((x) => x.auth);
    await api.http().post(`${base}/ledger/chart`).set(treasurer).send({}).expect(201);
    await api
      .http()
      .post(`${base}/ledger/fiscal-years`)
      .set(treasurer)
      .send({ startsOn: `${year}-01-01` })
      .expect(201);
    garden = await initiative('Gemeinschaftsgarten Nord', 'INI-GARTEN', 500);
    repair = await initiative('Repair-Café Ost', 'INI-REPAIR', 0);
    pot = await initiative('Lesepaten Mitte', 'INI-LESEN', 0);
    const a = await as(['initiative']);
    const b = await as(['initiative']);
    await api.sql.query(
      `INSERT INTO user_initiatives (user_id, organisation_id, initiative_id) VALUES ($1, $3, $4), ($2, $3, $5)`,
      [a.id, b.id, orgId, garden.id, repair.id],
    );
    // Sessions carry the bindings made at login: log in again.
    const relogin = async (id: string) => {
      const [u] = await api.sql.query(`SELECT email FROM users WHERE id = $1`, [id]);
      return login(api, u.email, 'correct horse battery staple');
    };
    [iniA, iniB] = [await relogin(a.id), await relogin(b.id)];
  });
  afterAll(() => api.close());

  it('onboards contact persons: new ones set their password, existing accounts are invited; they see only their initiative', async () => {
    const added = await api
      .http()
      .post(`${base}/initiatives/${pot.id}/contacts`)
      .set(staff)
      .send({ email: 'Lesepatin@example.org', name: 'Lena Lesepatin' })
      .expect(201);
    expect(added.body).toMatchObject({
      status: 'created',
      email: 'lesepatin@example.org',
      name: 'Lena Lesepatin',
      passwordLink: { delivery: 'shown-once' },
    });
    await api
      .http()
      .post(`${base}/initiatives/${pot.id}/contacts`)
      .set(iniA)
      .send({ email: 'x@example.org', name: 'X' })
      .expect(403);
    await api
      .http()
      .post('/api/v1/auth/password-reset')
      .send({ token: added.body.passwordLink.token, password: 'Vorlesen im Park 2026' })
      .expect(204);
    const contact = await login(api, 'lesepatin@example.org', 'Vorlesen im Park 2026');
    const visible = await api.http().get(`${base}/initiatives`).set(contact).expect(200);
    expect(visible.body.items.map((i: { id: string }) => i.id)).toEqual([pot.id]);
    expect(visible.body.total).toBe(1);
    await api.http().get(`${base}/initiatives/${garden.id}`).set(contact).expect(404);
    // An existing account is invited; once its holder accepts, it keeps its roles and gains the initiative.
    const staffUser = await createUser(api.sql, { roles: { [orgId]: ['staff'] } });
    const invited = await api
      .http()
      .post(`${base}/initiatives/${pot.id}/contacts`)
      .set(staff)
      .send({ email: staffUser.email, name: 'Staff' })
      .expect(202);
    expect(invited.body).toEqual({ status: 'invited', email: staffUser.email });
    const holder = await login(api, staffUser.email, staffUser.password);
    const [invitation] = (await api.http().get('/api/v1/auth/invitations').set(holder).expect(200))
      .body;
    await api
      .http()
      .post(`/api/v1/auth/invitations/${invitation.id}/accept`)
      .set(holder)
      .expect(200);
    const roles = await api.sql.query(
      `SELECT m.role FROM memberships m WHERE m.user_id = $1 AND m.organisation_id = $2 ORDER BY 1`,
      [staffUser.id, orgId],
    );
    expect(roles.map((r: { role: string }) => r.role)).toEqual(['initiative', 'staff']);
    const contacts = await api
      .http()
      .get(`${base}/initiatives/${pot.id}/contacts`)
      .set(contact)
      .expect(200);
    expect(contacts.body.map((c: { email: string }) => c.email).sort()).toEqual(
      ['lesepatin@example.org', staffUser.email].sort(),
    );
  });

  it('books inflows with the administration fee; the fund statement is the cost centre in the books', async () => {
    const res = await api
      .http()
      .post(`${base}/initiatives/${garden.id}/fund/inflows`)
      .set(treasurer)
      .set('Idempotency-Key', 'grant-1')
      .send({ amountCents: 200_000, receivedOn: todayIso(), source: 'Stiftung Bürgersinn' })
      .expect(201);
    expect(res.body).toMatchObject({ amountCents: 200_000, feeCents: 10_000 });
    const again = await api
      .http()
      .post(`${base}/initiatives/${garden.id}/fund/inflows`)
      .set(treasurer)
      .set('Idempotency-Key', 'grant-1')
      .send({ amountCents: 200_000, receivedOn: todayIso(), source: 'Stiftung Bürgersinn' })
      .expect(201);
    expect(again.body).toEqual(res.body);
    const statement = await fund(garden.id, iniA);
    expect(statement).toMatchObject({
      availableCents: 190_000,
      openingCents: 0,
      inflowCents: 200_000,
      outflowCents: 10_000,
      commitmentsCents: 0,
    });
    expect(statement.movements.total).toBe(2);
    expect(await ledgerResult('INI-GARTEN')).toBe(190_000);
    const [deadline] = (
      statement as unknown as { years: { spendBy: string; unspentCents: number }[] }
    ).years;
    expect(deadline).toMatchObject({ spendBy: `${Number(year) + 2}-12-31`, unspentCents: 190_000 });

    const bad = await api
      .http()
      .post(`${base}/initiatives/${garden.id}/fund/inflows`)
      .set(treasurer)
      .send({ amountCents: 0, receivedOn: '2099-01-01', source: 'x' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'amountCents',
      'source',
    ]);
  });

  it('charges the fixed yearly fee once, and shows the initiative its donations with names only where donors agreed', async () => {
    await api
      .http()
      .patch(`${base}/initiatives/${garden.id}`)
      .set(staff)
      .send({ feeYearlyCents: 12_000 })
      .expect(200);
    await api
      .http()
      .post(`${base}/initiatives/${garden.id}/fund/yearly-fee`)
      .set(treasurer)
      .send({ year: Number(year) })
      .expect(201);
    const twice = await api
      .http()
      .post(`${base}/initiatives/${garden.id}/fund/yearly-fee`)
      .set(treasurer)
      .send({ year: Number(year) })
      .expect(409);
    expect(twice.body.code).toBe('YEARLY_FEE_CHARGED');
    expect((await fund(garden.id)).availableCents).toBe(178_000);
    await api
      .http()
      .patch(`${base}/initiatives/${garden.id}`)
      .set(staff)
      .send({ feeYearlyCents: 0, feeBasisPoints: 0 })
      .expect(200);

    const donor = async (lastName: string, consentsToNameSharing: boolean) =>
      (
        await api
          .http()
          .post(`${base}/donors`)
          .set(treasurer)
          .send({ kind: 'person', firstName: 'Eva', lastName, consentsToNameSharing })
          .expect(201)
      ).body.id as string;
    for (const [name, consent] of [
      ['Offen', true],
      ['Verborgen', false],
    ] as const)
      await api
        .http()
        .post(`${base}/donations`)
        .set(treasurer)
        .send({
          donorId: await donor(name, consent),
          kind: 'money',
          channel: 'transfer',
          receivedOn: todayIso(),
          amountCents: 5_000,
          earmark: 'initiative',
          initiativeId: garden.id,
        })
        .expect(201);
    const seen = await api
      .http()
      .get(`${base}/initiatives/${garden.id}/donations`)
      .set(iniA)
      .expect(200);
    expect(seen.body.items.map((d: { donorName: string | null }) => d.donorName).sort()).toEqual([
      'Eva Offen',
      null,
    ]);
    expect((await fund(garden.id)).availableCents).toBe(188_000);
  });

  it('never overdraws a fund: 20 approvals of 100.00 at once on 1,000.00 — exactly 10 go through', async () => {
    await api
      .http()
      .post(`${base}/initiatives/${repair.id}/fund/inflows`)
      .set(treasurer)
      .send({ amountCents: 100_000, receivedOn: todayIso(), source: 'Spendenaktion' })
      .expect(201);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push((await claim(iniB, repair.id, 10_000).expect(201)).body.id);
    const results = await Promise.all(
      ids.map((id) => api.http().post(`${base}/expense-claims/${id}/approve`).set(treasurer)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(10);
    expect(refused.every((r) => r.status === 409 && r.body.code === 'FUND_INSUFFICIENT')).toBe(
      true,
    );
    const statement = await fund(repair.id);
    expect(statement).toMatchObject({ availableCents: 0, commitmentsCents: 100_000 });
    expect(await ledgerResult('INI-REPAIR')).toBe(0);

    // The database guards the rule too: a manual entry cannot take the empty fund below zero.
    const entry = (side: 'debit' | 'credit') => ({
      bookedOn: todayIso(),
      documentOn: todayIso(),
      documentNo: 'MAN-1',
      text: 'Manuelle Buchung',
      lines: [
        { account: 63000, side, amountCents: 100, sphere: 1, costCentre: 'INI-REPAIR' },
        {
          account: 18000,
          side: side === 'debit' ? 'credit' : 'debit',
          amountCents: 100,
          sphere: 1,
        },
      ],
    });
    const manual = await api
      .http()
      .post(`${base}/ledger/entries`)
      .set(treasurer)
      .send(entry('debit'))
      .expect(409);
    expect(manual.body.code).toBe('FUND_INSUFFICIENT');
    await api
      .http()
      .post(`${base}/ledger/entries`)
      .set(treasurer)
      .send(entry('credit'))
      .expect(201);
    expect(await ledgerResult('INI-REPAIR')).toBe(100);
  });

  it('keeps four eyes on money: who submits a claim cannot approve it', async () => {
    await api
      .http()
      .post(`${base}/initiatives/${pot.id}/fund/inflows`)
      .set(treasurer)
      .send({ amountCents: 50_000, receivedOn: todayIso(), source: 'Spende' })
      .expect(201);
    const own = await claim(treasurer, pot.id, 1_000).expect(201);
    const refused = await api
      .http()
      .post(`${base}/expense-claims/${own.body.id}/approve`)
      .set(treasurer)
      .expect(403);
    expect(refused.body.code).toBe('OWN_CLAIM');
    await api
      .http()
      .post(`${base}/expense-claims/${own.body.id}/approve`)
      .set(treasurer2)
      .expect(201);
    const outsider = await claim(iniA, pot.id, 1_000).expect(404);
    expect(outsider.body.code).toBe('NOT_FOUND');
    // A claim never pays the organisation's own account, however the IBAN is typed.
    const ownIban = ORG_IBAN.replace(/(.{4})/g, '$1 ').toLowerCase();
    const circle = await claim(staff, pot.id, 1_000, { payeeIban: ownIban }).expect(422);
    expect(circle.body).toMatchObject({ code: 'PAYEE_IS_OWN_ACCOUNT' });
    expect(JSON.stringify(circle.body)).toContain('payeeIban');
  });

  it('passes money to another tax-exempt body only with a notice that still carries', async () => {
    const old = await claim(staff, pot.id, 5_000, {
      kind: 'grant_to_body',
      payeeName: 'Tafel e.V.',
      bodyNoticeKind: 'feststellung_60a',
      bodyNoticeIssuedOn: `${Number(year) - 4}-01-10`,
    }).expect(422);
    expect(old.body.code).toBe('BODY_NOTICE_INVALID');
    const missing = await claim(staff, pot.id, 5_000, {
      kind: 'grant_to_body',
      payeeName: 'Tafel e.V.',
    }).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'bodyNoticeIssuedOn',
      'bodyNoticeKind',
    ]);
    const ok = await claim(staff, pot.id, 5_000, {
      kind: 'grant_to_body',
      payeeName: 'Tafel e.V.',
      bodyNoticeKind: 'freistellungsbescheid',
      bodyNoticeIssuedOn: `${Number(year) - 1}-03-01`,
    }).expect(201);
    await api
      .http()
      .post(`${base}/expense-claims/${ok.body.id}/approve`)
      .set(treasurer)
      .expect(201);
    const [{ account }] = await api.sql.query(
      `SELECT l.account_number AS account FROM expense_claims c JOIN journal_lines l ON l.entry_id = c.approval_entry_id AND l.side = 'D' WHERE c.id = $1`,
      [ok.body.id],
    );
    expect(account).toBe(63930);
  });

  it('corrects a donation to a fund that was spent meanwhile: the replacement first, the reversal never overdraws', async () => {
    const donor = (
      await api
        .http()
        .post(`${base}/donors`)
        .set(treasurer)
        .send({ kind: 'person', lastName: 'Korrektur' })
        .expect(201)
    ).body.id;
    const before = (await fund(pot.id)).availableCents;
    const donation = (
      await api
        .http()
        .post(`${base}/donations`)
        .set(treasurer)
        .send({
          donorId: donor,
          kind: 'money',
          channel: 'transfer',
          receivedOn: todayIso(),
          amountCents: 50_000,
          earmark: 'initiative',
          initiativeId: pot.id,
        })
        .expect(201)
    ).body;
    const spend = await claim(staff, pot.id, before + 46_000).expect(201);
    await api
      .http()
      .post(`${base}/expense-claims/${spend.body.id}/approve`)
      .set(treasurer)
      .expect(201);
    expect((await fund(pot.id)).availableCents).toBe(4_000);
    // Without a replacement the reversal would take the spent fund below zero.
    const refused = await api
      .http()
      .post(`${base}/donations/${donation.id}/corrections`)
      .set(treasurer)
      .send({ reason: 'Betrag falsch erfasst' })
      .expect(409);
    expect(refused.body.code).toBe('FUND_INSUFFICIENT');
    await api
      .http()
      .post(`${base}/donations/${donation.id}/corrections`)
      .set(treasurer)
      .send({
        reason: 'Betrag falsch erfasst',
        replacement: {
          donorId: donor,
          kind: 'money',
          channel: 'transfer',
          receivedOn: todayIso(),
          amountCents: 49_000,
          earmark: 'initiative',
          initiativeId: pot.id,
        },
      })
      .expect(201);
    expect((await fund(pot.id)).availableCents).toBe(3_000);
    expect(await ledgerResult('INI-LESEN')).toBe(3_000);
  });

  let programmeId: string;
  let applicationId: string;

  it('takes applications against a programme, scores them, and approves with two board members and a resolution', async () => {
    const programme = await api
      .http()
      .post(`${base}/programmes`)
      .set(board)
      .send({
        name: 'Quartiersfonds',
        costCentre: 'PRG-QUARTIER',
        budgetCents: 1_000_000,
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
        eligibleCostTypes: ['Sachkosten', 'Honorare'],
        ownShareBasisPoints: 1_000,
        proofDueMonths: 2,
        criteria: [
          { key: 'cohesion', name: 'Sozialer Zusammenhalt und Begegnungsorte', weight: 30 },
          { key: 'participation', name: 'Teilhabe und Selbsthilfe', weight: 30 },
          {
            key: 'access',
            name: 'Barrierearme, niedrigschwellige soziale Infrastruktur',
            weight: 20,
          },
          { key: 'environment', name: 'Wohnumfeld', weight: 20 },
        ],
      })
      .expect(201);
    programmeId = programme.body.id;
    const doc = await api
      .http()
      .post(`${base}/initiatives/${garden.id}/documents`)
      .set(iniA)
      .attach('file', PDF, 'kostenplan.pdf')
      .expect(201);
    const application = {
      programmeId,
      initiativeId: garden.id,
      title: 'Hochbeete für alle',
      description: 'Barrierefreie Hochbeete im Gemeinschaftsgarten, gemeinsam gebaut.',
      requestedCents: 90_000,
      ownShareCents: 10_000,
      costLines: [
        { category: 'Sachkosten', description: 'Holz und Erde', amountCents: 70_000 },
        { category: 'Honorare', description: 'Schreinerin', amountCents: 30_000 },
      ],
      documentIds: [doc.body.id],
    };
    const ineligible = await api
      .http()
      .post(`${base}/applications`)
      .set(iniA)
      .send({
        ...application,
        costLines: [{ category: 'Reisen', description: 'Ausflug', amountCents: 100_000 }],
      })
      .expect(422);
    expect(ineligible.body).toMatchObject({
      code: 'COST_TYPE_NOT_ELIGIBLE',
      details: { field: 'costLines[0].category' },
    });
    const lowShare = await api
      .http()
      .post(`${base}/applications`)
      .set(iniA)
      .send({ ...application, requestedCents: 95_000, ownShareCents: 5_000 })
      .expect(422);
    expect(lowShare.body.code).toBe('OWN_SHARE_TOO_LOW');
    const submitted = await api
      .http()
      .post(`${base}/applications`)
      .set(iniA)
      .send(application)
      .expect(201);
    applicationId = submitted.body.id;
    await api
      .http()
      .post(`${base}/applications/${applicationId}/decisions`)
      .set(board)
      .send({ kind: 'approve', amountCents: 80_000, resolutionRef: 'VS-1' })
      .expect(409);
    await api.http().post(`${base}/applications/${applicationId}/complete`).set(staff).expect(201);

    const scores = (s: number[]) => ({
      scores: {
        cohesion: { score: s[0] },
        participation: { score: s[1] },
        access: { score: s[2] },
        environment: { score: s[3] },
      },
    });
    await api
      .http()
      .post(`${base}/applications/${applicationId}/reviews`)
      .set(staff)
      .send(scores([8, 6, 10, 5]))
      .expect(201);
    const partial = await api
      .http()
      .post(`${base}/applications/${applicationId}/reviews`)
      .set(board)
      .send({ scores: { cohesion: { score: 8 } } })
      .expect(422);
    expect(partial.body.details.field).toBe('scores.participation.score');
    await api
      .http()
      .post(`${base}/applications/${applicationId}/reviews`)
      .set(board)
      .send(scores([6, 6, 6, 6]))
      .expect(201);
    const conflicted = await api
      .http()
      .post(`${base}/applications/${applicationId}/reviews`)
      .set(boardConflicted)
      .send({ conflictOfInterest: true, comment: 'Ich bin Mitglied der Initiative' })
      .expect(201);
    // (8·30 + 6·30 + 10·20 + 5·20)/100 = 7.2 and 6.0: mean 6.6; the conflicted reviewer does not count.
    expect(conflicted.body.weightedScore).toBe(6.6);
    const excluded = await api
      .http()
      .post(`${base}/applications/${applicationId}/decisions`)
      .set(boardConflicted)
      .send({ kind: 'approve', amountCents: 80_000, resolutionRef: 'VS-2026-14' })
      .expect(403);
    expect(excluded.body.code).toBe('CONFLICT_OF_INTEREST');

    const first = await api
      .http()
      .post(`${base}/applications/${applicationId}/decisions`)
      .set(board)
      .send({
        kind: 'approve',
        amountCents: 80_000,
        resolutionRef: 'VS-2026-14',
        comment: 'Auflage: Beschilderung mit Förderhinweis',
      })
      .expect(201);
    expect(first.body.status).toBe('complete');
    const same = await api
      .http()
      .post(`${base}/applications/${applicationId}/decisions`)
      .set(board)
      .send({ kind: 'approve', amountCents: 80_000, resolutionRef: 'VS-2026-14' })
      .expect(409);
    expect(same.body.code).toBe('FOUR_EYES');
    const second = await api
      .http()
      .post(`${base}/applications/${applicationId}/decisions`)
      .set(board2)
      .send({ kind: 'approve', amountCents: 80_000, resolutionRef: 'VS-2026-14' })
      .expect(201);
    expect(second.body).toMatchObject({
      status: 'approved',
      approvedCents: 80_000,
      proofDueOn: `${Number(year) + 1}-02-28`,
      conditions: 'Auflage: Beschilderung mit Förderhinweis',
    });
    const programmeNow = await api
      .http()
      .get(`${base}/programmes/${programmeId}`)
      .set(iniA)
      .expect(200);
    expect(programmeNow.body.reservedCents).toBe(80_000);
    const [commitment] = await api.sql.query(
      `SELECT sum(amount_cents)::int AS n FROM journal_lines WHERE account_number = 34910 AND side = 'C' AND cost_centre = 'INI-GARTEN'`,
    );
    expect(commitment.n).toBe(80_000);
  });

  it('returns and rejects with notice to the applicant; a returned application comes back changed', async () => {
    const base2 = {
      programmeId,
      initiativeId: garden.id,
      title: 'Werkzeugschuppen',
      description: 'Ein Schuppen für das gemeinsame Werkzeug.',
      requestedCents: 45_000,
      ownShareCents: 5_000,
      costLines: [{ category: 'Sachkosten', description: 'Bausatz', amountCents: 50_000 }],
    };
    const app = await api.http().post(`${base}/applications`).set(iniA).send(base2).expect(201);
    await api.http().post(`${base}/applications/${app.body.id}/complete`).set(staff).expect(201);
    const returned = await api
      .http()
      .post(`${base}/applications/${app.body.id}/decisions`)
      .set(board)
      .send({ kind: 'return', comment: 'Bitte Angebot beilegen' })
      .expect(201);
    expect(returned.body.status).toBe('returned');
    const again = await api
      .http()
      .put(`${base}/applications/${app.body.id}`)
      .set(iniA)
      .send({ ...base2, description: 'Ein Schuppen für das gemeinsame Werkzeug, mit Angebot.' })
      .expect(200);
    expect(again.body.status).toBe('submitted');
    await api.http().post(`${base}/applications/${app.body.id}/complete`).set(staff).expect(201);
    const rejected = await api
      .http()
      .post(`${base}/applications/${app.body.id}/decisions`)
      .set(board2)
      .send({ kind: 'reject', comment: 'Budget ausgeschöpft' })
      .expect(201);
    expect(rejected.body.status).toBe('rejected');
    // Delivered from the outbox shortly after each decision commits.
    const notices = await waitFor(async () => {
      const queued = await api.app
        .get(JobQueue)
        .queue('mail')
        .getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
      const found = queued.filter(
        (j) =>
          j.name === 'funding.notify' &&
          (j.data as { applicationId: string }).applicationId === app.body.id,
      );
      return found.length === 2 && found;
    });
    expect(notices.map((j) => (j.data as { status: string }).status).sort()).toEqual([
      'rejected',
      'returned',
    ]);
  });

  it('spends an approved grant through claims, pays them in a schema-valid pain.001, and the statement marks them paid', async () => {
    const tooMuch = await claim(iniA, garden.id, 90_000, { applicationId, costLineNo: 1 }).expect(
      201,
    );
    const over = await api
      .http()
      .post(`${base}/expense-claims/${tooMuch.body.id}/approve`)
      .set(treasurer)
      .expect(409);
    expect(over.body.code).toBe('GRANT_EXCEEDED');
    const c1 = await claim(iniA, garden.id, 60_000, { applicationId, costLineNo: 1 }).expect(201);
    const c2 = await claim(iniA, garden.id, 15_000, {
      applicationId,
      costLineNo: 2,
      kind: 'reimbursement',
      payeeName: 'Sabine Schreiner',
    }).expect(201);
    for (const c of [c1, c2])
      await api
        .http()
        .post(`${base}/expense-claims/${c.body.id}/approve`)
        .set(treasurer)
        .expect(201);
    // Grant money is the programme's, not the initiative's own fund.
    expect((await fund(garden.id)).availableCents).toBe(188_000);

    const executionDate = nextTargetBusinessDay(addDays(todayIso(), 1));
    const run = await api
      .http()
      .post(`${base}/payout-runs`)
      .set(treasurer)
      .send({ executionDate })
      .expect(201);
    expect(run.body.claims.length).toBeGreaterThanOrEqual(2);
    const file = await api
      .http()
      .get(`${base}/payout-runs/${run.body.id}/sepa-file`)
      .set(treasurer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const xml = (file.body as Buffer).toString('utf8');
    expect(await xsdErrors('pain.001.001.09', xml)).toEqual([]);
    const parsed = new XMLParser({
      parseTagValue: false,
      isArray: (n) => n === 'CdtTrfTxInf',
    }).parse(xml);
    expect(Math.round(Number(parsed.Document.CstmrCdtTrfInitn.GrpHdr.CtrlSum) * 100)).toBe(
      run.body.totalCents,
    );
    await api.http().post(`${base}/payout-runs`).set(treasurer).send({ executionDate }).expect(409);

    const claims = run.body.claims as { endToEndId: string; amountCents: number; id: string }[];
    const statement = writeCamt053({
      version: 'camt.053.001.08',
      iban: ORG_IBAN,
      statementRef: 'PAY-1',
      from: todayIso(),
      to: todayIso(),
      openingCents: 0,
      entries: claims.map((c) => ({
        amountCents: -c.amountCents,
        bookedOn: todayIso(),
        transactions: [
          { amountCents: -c.amountCents, endToEndId: c.endToEndId, name: 'Empfänger' },
        ],
      })),
    });
    const imported = await api
      .http()
      .post(`${base}/bank-statements`)
      .set(treasurer)
      .attach('file', Buffer.from(statement), 'payouts.xml')
      .expect(201);
    expect(imported.body[0]).toMatchObject({ matchedCount: claims.length, unmatchedCount: 0 });
    const paid = await api
      .http()
      .get(`${base}/expense-claims?status=paid&pageSize=200`)
      .set(treasurer)
      .expect(200);
    expect(paid.body.total).toBe(claims.length);

    const proof = await api
      .http()
      .get(`${base}/proofs-of-use/${applicationId}`)
      .set(iniA)
      .expect(200);
    expect(
      proof.body.lines.map((l: { plannedCents: number; actualCents: number }) => [
        l.plannedCents,
        l.actualCents,
      ]),
    ).toEqual([
      [70_000, 60_000],
      [30_000, 15_000],
    ]);
    expect(proof.body).toMatchObject({ spentCents: 75_000, ownShareCents: 10_000, status: 'open' });
    expect(proof.body.receipts).toHaveLength(2);
    await api
      .http()
      .post(`${base}/proofs-of-use/${applicationId}/report`)
      .set(iniA)
      .send({ report: 'Zwölf Hochbeete stehen, drei Schulklassen gärtnern mit.' })
      .expect(201);
    const board1 = await api.http().get(`${base}/proofs-of-use`).set(board).expect(200);
    expect(board1.body.items.map((p: { status: string }) => p.status)).toEqual(['submitted']);
  });

  it('answers 404 on every route for another initiative’s records', async () => {
    const doc = await api
      .http()
      .post(`${base}/initiatives/${repair.id}/documents`)
      .set(iniB)
      .attach('file', PDF, 'rechnung.pdf')
      .expect(201);
    const [claimB] = (await api.http().get(`${base}/expense-claims`).set(iniB).expect(200)).body
      .items;
    const routes = [
      `initiatives/${repair.id}`,
      `initiatives/${repair.id}/fund`,
      `initiatives/${repair.id}/donations`,
      `expense-claims/${claimB.id}`,
      `documents/${doc.body.id}`,
    ];
    for (const r of routes) await api.http().get(`${base}/${r}`).set(iniA).expect(404);
    await api.http().get(`${base}/applications/${applicationId}`).set(iniB).expect(404);
    await api.http().get(`${base}/proofs-of-use/${applicationId}`).set(iniB).expect(404);
    await api
      .http()
      .post(`${base}/initiatives/${repair.id}/documents`)
      .set(iniA)
      .attach('file', PDF, 'x.pdf')
      .expect(404);
    await api
      .http()
      .post(`${base}/proofs-of-use/${applicationId}/report`)
      .set(iniB)
      .send({ report: 'Fremder Bericht, der nicht zählen darf.' })
      .expect(404);
    const own = (await api.http().get(`${base}/initiatives`).set(iniA).expect(200)).body;
    expect(own.items.map((i: { id: string }) => i.id)).toEqual([garden.id]);
    expect(
      (await api.http().get(`${base}/expense-claims`).set(iniA).expect(200)).body.items.every(
        (c: { initiativeId: string }) => c.initiativeId === garden.id,
      ),
    ).toBe(true);
    expect((await api.http().get(`${base}/applications`).set(iniB).expect(200)).body.total).toBe(0);
    const text = await api
      .http()
      .post(`${base}/initiatives/${garden.id}/documents`)
      .set(iniA)
      .attach('file', Buffer.from('nur Text'), 'a.txt')
      .expect(415);
    expect(text.body.code).toBe('FILE_TYPE_UNSUPPORTED');
  });

  it('reminds 30 and 7 days ahead and marks a proof overdue the day after it was due (injected clock)', async () => {
    const proofs = api.app.get(ProofsOfUseService);
    const app = await api
      .http()
      .post(`${base}/applications`)
      .set(iniA)
      .send({
        programmeId,
        initiativeId: garden.id,
        title: 'Saatgutbörse',
        description: 'Tauschbörse für samenfestes Saatgut im Frühjahr.',
        requestedCents: 9_000,
        ownShareCents: 1_000,
        costLines: [{ category: 'Sachkosten', description: 'Tische', amountCents: 10_000 }],
      })
      .expect(201);
    await api.http().post(`${base}/applications/${app.body.id}/complete`).set(staff).expect(201);
    await api
      .http()
      .post(`${base}/applications/${app.body.id}/decisions`)
      .set(board)
      .send({ kind: 'approve', amountCents: 9_000, resolutionRef: 'VS-2026-15' })
      .expect(201);
    const approved = await api
      .http()
      .post(`${base}/applications/${app.body.id}/decisions`)
      .set(board2)
      .send({ kind: 'approve', amountCents: 9_000, resolutionRef: 'VS-2026-15' })
      .expect(201);
    const due = approved.body.proofDueOn as string;
    const status = async () =>
      (await api.http().get(`${base}/proofs-of-use/${app.body.id}`).set(board).expect(200)).body
        .status;
    expect(await proofs.remind(addDays(due, -31))).toEqual({ reminded: 0, overdue: 0 });
    expect((await proofs.remind(addDays(due, -30))).reminded).toBe(1);
    expect((await proofs.remind(addDays(due, -29))).reminded).toBe(0);
    expect((await proofs.remind(addDays(due, -7))).reminded).toBe(1);
    expect(await proofs.remind(due)).toEqual({ reminded: 0, overdue: 0 });
    expect(await status()).toBe('open');
    expect((await proofs.remind(addDays(due, 1))).overdue).toBe(1);
    expect(await status()).toBe('overdue');
    const open = await api
      .http()
      .get(`${base}/proofs-of-use?status=overdue`)
      .set(board)
      .expect(200);
    expect(open.body.items.map((p: { applicationId: string }) => p.applicationId)).toEqual([
      app.body.id,
    ]);
  });
});
