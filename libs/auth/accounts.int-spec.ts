import { DomainError, type Actor, type Role } from '@dachwerk/shared';
import { createOrganisation, createTestModule, createUser, TestModule } from '@dachwerk/testing';
import { AccountService } from './account.service';
import { AuthModule } from './auth.module';
import { InvitationsService } from './invitations.service';
import { UsersService } from './users.service';

/** The account rules of issue 12 in the service layer, whatever controller calls it. */
describe('accounts belong to their holders (service layer)', () => {
  let t: TestModule;
  let users: UsersService;
  let invitations: InvitationsService;
  let account: AccountService;
  let umbrella: string;
  let club: string;
  let initiativeId: string;

  const actor = (
    id: string,
    roles: Record<string, Role[]>,
    isPlatformAdmin = false,
    initiativeIds: Record<string, string[]> = {},
  ): Actor => ({ userId: id, email: `${id}@x`, name: 'x', isPlatformAdmin, roles, initiativeIds });
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
    );
  const rolesOf = async (userId: string) =>
    (
      await t.sql.query(
        `SELECT organisation_id || ':' || role AS r FROM memberships WHERE user_id = $1 ORDER BY 1`,
        [userId],
      )
    ).map((r: { r: string }) => r.r);

  beforeAll(async () => {
    t = await createTestModule([AuthModule]);
    users = t.moduleRef.get(UsersService);
    invitations = t.moduleRef.get(InvitationsService);
    account = t.moduleRef.get(AccountService);
    umbrella = (await createOrganisation(t.sql, { isUmbrella: true })).id;
    club = (await createOrganisation(t.sql)).id;
    [{ id: initiativeId }] = await t.sql.query(
      `INSERT INTO initiatives (organisation_id, name, purpose, tax_purpose, cost_centre)
       VALUES ($1, 'Garten', 'Gärtnern', 'Umweltschutz', 'INI-G') RETURNING id`,
      [club],
    );
  });
  afterAll(() => t.close());

  it('attaching an existing account as a contact invites it; the roles come only with acceptance', async () => {
    const victim = await createUser(t.sql, { roles: { [umbrella]: ['admin'] } });
    const clubAdmin = actor((await createUser(t.sql)).id, { [club]: ['admin', 'board'] });
    const result = await users.addInitiativeContact(clubAdmin, club, initiativeId, {
      email: victim.email,
      name: 'Opfer',
    });
    expect(result).toEqual({ status: 'invited', email: victim.email });
    expect(await rolesOf(victim.id)).toEqual([`${umbrella}:admin`]);
    expect(await codeOf(users.get(clubAdmin, victim.id))).toBe('NOT_FOUND');

    const holder = actor(victim.id, { [umbrella]: ['admin'] });
    const [open] = await invitations.mine(holder);
    expect(await codeOf(invitations.accept(clubAdmin, open.id))).toBe('NOT_FOUND');
    await invitations.accept(holder, open.id);
    expect(await rolesOf(victim.id)).toEqual([`${club}:initiative`, `${umbrella}:admin`].sort());
    expect(await codeOf(invitations.decline(holder, open.id))).toBe('NOT_FOUND');

    // Now visible to the club admin, but only with the club's binding and no platform flag.
    const seen = await users.get(clubAdmin, victim.id);
    expect(seen.organisations.map((o) => o.organisationId)).toEqual([club]);
    expect(seen).not.toHaveProperty('isPlatformAdmin');
  });

  it("an organisation admin changes no one's name, activity or password, and binds only members of their organisation", async () => {
    const member = await createUser(t.sql, { roles: { [club]: ['staff'], [umbrella]: ['board'] } });
    const clubAdmin = actor((await createUser(t.sql)).id, { [club]: ['admin'] });
    for (const change of [{ isActive: false }, { name: 'Anders' }]) {
      expect(await codeOf(users.update(clubAdmin, member.id, change))).toBe('FORBIDDEN');
    }
    expect(await codeOf(users.triggerPasswordReset(clubAdmin, member.id))).toBe('RESET_NEEDS_MAIL');
    expect(await codeOf(users.setRoles(clubAdmin, member.id, umbrella, { roles: [] }))).toBe(
      'NOT_FOUND',
    );
    const stranger = await createUser(t.sql, { roles: { [umbrella]: ['staff'] } });
    expect(await codeOf(users.setRoles(clubAdmin, stranger.id, club, { roles: ['staff'] }))).toBe(
      'NOT_FOUND',
    );
    const [row] = await t.sql.query(`SELECT name, is_active FROM users WHERE id = $1`, [member.id]);
    expect(row).toEqual({ name: `Test ${member.email}`, is_active: true });
    expect(await rolesOf(member.id)).toEqual([`${club}:staff`, `${umbrella}:board`].sort());
    await users.setRoles(clubAdmin, member.id, club, { roles: ['treasurer'] });
    expect(await rolesOf(member.id)).toEqual([`${club}:treasurer`, `${umbrella}:board`].sort());

    // A member of one administered organisation cannot be bound into another without consent.
    const twoOrgAdmin = actor((await createUser(t.sql)).id, {
      [club]: ['admin'],
      [umbrella]: ['admin'],
    });
    const clubOnly = await createUser(t.sql, { roles: { [club]: ['staff'] } });
    expect(
      await codeOf(users.setRoles(twoOrgAdmin, clubOnly.id, umbrella, { roles: ['admin'] })),
    ).toBe('NOT_A_MEMBER');
  });

  it('a platform admin changes identity and activity and is shown a reset link once; the holder sets the password', async () => {
    const holder = await createUser(t.sql, { roles: { [club]: ['staff'] } });
    const root = actor((await createUser(t.sql)).id, {}, true);
    const link = await users.triggerPasswordReset(root, holder.id);
    expect(link.delivery).toBe('shown-once');
    await account.setPasswordWithToken(link.token!, 'Herbstlaub über der Brücke', '127.0.0.1');
    expect(
      await codeOf(
        account.setPasswordWithToken(link.token!, 'Herbstlaub über der Brücke', '127.0.0.1'),
      ),
    ).toBe('TOKEN_INVALID');
    const updated = await users.update(root, holder.id, { name: 'Neu', isActive: false });
    expect(updated).toMatchObject({ name: 'Neu', isActive: false, isPlatformAdmin: false });
  });

  it('the holder changes the password only with the current one', async () => {
    const holder = await createUser(t.sql);
    const me = actor(holder.id, {});
    expect(
      await codeOf(
        account.changePassword(
          me,
          { token: 'token', address: '127.0.0.1' },
          'falsch',
          'Herbstlaub über der Brücke',
        ),
      ),
    ).toBe('CURRENT_PASSWORD_WRONG');
    expect(
      await codeOf(
        account.changePassword(
          me,
          { token: 'token', address: '127.0.0.1' },
          holder.password,
          'aaaaaaaaaaaa',
        ),
      ),
    ).toBe('VALIDATION_FAILED');
    await account.changePassword(
      me,
      { token: 'token', address: '127.0.0.1' },
      holder.password,
      'Herbstlaub über der Brücke',
    );
    expect(
      await codeOf(
        account.changePassword(
          me,
          { token: 'token', address: '127.0.0.1' },
          holder.password,
          'Noch ein Passwort hier',
        ),
      ),
    ).toBe('CURRENT_PASSWORD_WRONG');
  });
});
