import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@dachwerk/audit';
import { notFound, Transactions, type Actor, type Role } from '@dachwerk/shared';
import { Invitation, InvitationRepository } from './invitation.repository';
import { UserRepository } from './user.repository';

/** An unanswered invitation lapses after this many days. */
export const INVITATION_DAYS = 30;

/**
 * Attaching an existing account to an organisation (roles, initiatives) is an offer the
 * account holder answers: nothing changes for the account until they accept.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Inside the inviting transaction; the caller has checked the inviter's right to offer. */
  async open(
    m: EntityManager,
    actor: Actor,
    invitation: { userId: string; organisationId: string; roles: Role[]; initiativeIds: string[] },
  ): Promise<string> {
    const id = await this.invitations.open(
      m,
      { ...invitation, invitedBy: actor.userId },
      INVITATION_DAYS,
    );
    await this.audit.record(m, {
      actorUserId: actor.userId,
      organisationId: invitation.organisationId,
      action: 'user.invited',
      entityType: 'user',
      entityId: invitation.userId,
      data: { invitationId: id, roles: invitation.roles, initiativeIds: invitation.initiativeIds },
    });
    return id;
  }

  /** The holder's open invitations. */
  async mine(actor: Actor): Promise<Invitation[]> {
    return this.transactions.run((m) => this.invitations.openOf(m, actor.userId));
  }

  /** The holder takes the offered roles (added to any they have in that organisation). */
  async accept(actor: Actor, id: string): Promise<Invitation> {
    return this.answer(actor, id, 'accepted', async (m, invitation) => {
      await this.users.addRoles(
        m,
        actor.userId,
        invitation.organisationId,
        invitation.roles,
        invitation.initiativeIds,
      );
    });
  }

  async decline(actor: Actor, id: string): Promise<Invitation> {
    return this.answer(actor, id, 'declined', () => Promise.resolve());
  }

  private answer(
    actor: Actor,
    id: string,
    answer: 'accepted' | 'declined',
    effect: (m: EntityManager, invitation: Invitation) => Promise<void>,
  ): Promise<Invitation> {
    return this.transactions.run(async (m) => {
      // Someone else's invitation does not exist for the caller.
      const invitation = await this.invitations.lockOpen(m, actor.userId, id);
      if (!invitation) throw notFound('Invitation', id);
      await effect(m, invitation);
      await this.invitations.answer(m, id, answer);
      await this.audit.record(m, {
        actorUserId: actor.userId,
        organisationId: invitation.organisationId,
        action: `user.invitation-${answer}`,
        entityType: 'user',
        entityId: actor.userId,
        data: {
          invitationId: id,
          roles: invitation.roles,
          initiativeIds: invitation.initiativeIds,
        },
      });
      return invitation;
    });
  }
}
