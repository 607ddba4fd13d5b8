import { todayIso } from '@dachwerk/shared';
import { createOrganisation, createUser } from '@dachwerk/testing';
import { login, startApi, TestApi } from '../support/api';

type Auth = { Authorization: string };
type Seen = {
  decisions: { kind: string; decidedBy: string | null }[];
  reviews: { reviewerId: string }[];
};

/**
 * Who on the board decided on a funding application is the board's business: initiative
 * users see the decision and its reasons, but not who made it, unless their organisation
 * publishes its deciders. Staff and board always see it.
 */
describe('board members on funding decisions', () => {
  let api: TestApi;
  let orgId: string;
  let base: string;
  let admin: Auth;
  let staff: Auth;
  let applicant: Auth;
  let boardId: string;
  let applicationId: string;

  const asInitiative = async () => {
    const seenOne = (await api.http().get(`${base}/applications/${applicationId}`).set(applicant))
      .body as Seen;
    const list = await api.http().get(`${base}/applications`).set(applicant).expect(200);
    const seenInList = (list.body.items as (Seen & { id: string })[]).find(
      (a) => a.id === applicationId,
    )!;
    return { seenOne, seenInList };
  };

  beforeAll(async () => {
    api = await startApi();
    orgId = (await createOrganisation(api.sql)).id;
    base = `/api/v1/organisations/${orgId}`;
    const as = async (roles: ('admin' | 'staff' | 'board' | 'initiative')[]) => {
      const u = await createUser(api.sql, { roles: { [orgId]: roles } });
      return { id: u.id, email: u.email, password: u.password };
    };
    const [a, s, b, i] = await Promise.all([
      as(['admin']),
      as(['staff']),
      as(['board']),
      as(['initiative']),
    ]);
    [admin, staff] = [await login(api, a.email, a.password), await login(api, s.email, s.password)];
    boardId = b.id;
    const board = await login(api, b.email, b.password);
    const year = todayIso().slice(0, 4);
    const initiative = await api
      .http()
      .post(`${base}/initiatives`)
      .set(staff)
      .send({
        name: 'Nachbarschaftshilfe Süd',
        purpose: 'Nachbarschaftshilfe im Quartier',
        taxPurpose: 'Förderung des bürgerschaftlichen Engagements',
        costCentre: 'INI-SUED',
        status: 'active',
        agreementSignedOn: '2025-01-01',
      })
      .expect(201);
    await api.sql.query(
      `INSERT INTO user_initiatives (user_id, organisation_id, initiative_id) VALUES ($1, $2, $3)`,
      [i.id, orgId, initiative.body.id],
    );
    // Sessions carry the bindings made at login: the applicant logs in after being bound.
    applicant = await login(api, i.email, i.password);
    const programme = await api
      .http()
      .post(`${base}/programmes`)
      .set(board)
      .send({
        name: 'Kleinprojekte',
        costCentre: 'PRG-KLEIN',
        budgetCents: 500_000,
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
        eligibleCostTypes: ['Sachkosten'],
        ownShareBasisPoints: 0,
        proofDueMonths: 2,
        criteria: [{ key: 'need', name: 'Bedarf', weight: 100 }],
      })
      .expect(201);
    const submitted = await api
      .http()
      .post(`${base}/applications`)
      .set(applicant)
      .send({
        programmeId: programme.body.id,
        initiativeId: initiative.body.id,
        title: 'Werkzeugverleih',
        description: 'Ein Regal mit Werkzeug zum Ausleihen für die Nachbarschaft.',
        requestedCents: 40_000,
        costLines: [{ category: 'Sachkosten', description: 'Werkzeug', amountCents: 40_000 }],
      })
      .expect(201);
    applicationId = submitted.body.id;
    await api.http().post(`${base}/applications/${applicationId}/complete`).set(staff).expect(201);
    await api
      .http()
      .post(`${base}/applications/${applicationId}/reviews`)
      .set(board)
      .send({ scores: { need: { score: 7 } }, comment: 'Sinnvoll' })
      .expect(201);
    await api
      .http()
      .post(`${base}/applications/${applicationId}/decisions`)
      .set(board)
      .send({ kind: 'return', comment: 'Bitte einen Kostenvoranschlag beilegen' })
      .expect(201);
  });
  afterAll(() => api.close());

  it('hides who decided from initiative users by default, in the application and in the list', async () => {
    const org = await api.http().get(`/api/v1/organisations/${orgId}`).set(admin).expect(200);
    expect(org.body.publishesDeciders).toBe(false);
    const { seenOne, seenInList } = await asInitiative();
    for (const seen of [seenOne, seenInList]) {
      expect(seen.decisions).toEqual([
        expect.objectContaining({
          kind: 'return',
          decidedBy: null,
          comment: 'Bitte einen Kostenvoranschlag beilegen',
        }),
      ]);
      expect(seen.reviews).toEqual([expect.objectContaining({ reviewerId: '', comment: null })]);
      expect(JSON.stringify(seen)).not.toContain(boardId);
    }
    const byStaff = await api
      .http()
      .get(`${base}/applications/${applicationId}`)
      .set(staff)
      .expect(200);
    expect(byStaff.body.decisions[0].decidedBy).toBe(boardId);
    expect(byStaff.body.reviews[0].reviewerId).toBe(boardId);
  });

  it('shows initiative users who decided once the organisation publishes it; only its admin sets that', async () => {
    await api
      .http()
      .patch(`/api/v1/organisations/${orgId}`)
      .set(applicant)
      .send({ publishesDeciders: true })
      .expect(403);
    await api
      .http()
      .patch(`/api/v1/organisations/${orgId}`)
      .set(staff)
      .send({ publishesDeciders: true })
      .expect(403);
    expect((await asInitiative()).seenOne.decisions[0].decidedBy).toBeNull();

    await api
      .http()
      .patch(`/api/v1/organisations/${orgId}`)
      .set(admin)
      .send({ publishesDeciders: true })
      .expect(200);
    const { seenOne, seenInList } = await asInitiative();
    expect(seenOne.decisions[0].decidedBy).toBe(boardId);
    expect(seenInList.decisions[0].decidedBy).toBe(boardId);
    // Reviewers stay anonymous either way: publishing covers decisions, not scores.
    expect(seenOne.reviews[0].reviewerId).toBe('');

    await api
      .http()
      .patch(`/api/v1/organisations/${orgId}`)
      .set(admin)
      .send({ publishesDeciders: false })
      .expect(200);
    expect((await asInitiative()).seenOne.decisions[0].decidedBy).toBeNull();
  });
});
