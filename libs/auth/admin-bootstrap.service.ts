import { Injectable } from '@nestjs/common';
import { AuditService } from '@dachwerk/audit';
import { Transactions, validationFailed } from '@dachwerk/shared';
import { hashPassword } from './password-hasher';
import { passwordProblems } from './password-policy';
import { UserRepository } from './user.repository';

/** Operator path (apps/cli): the first platform admin of a real installation. */
@Injectable()
export class AdminBootstrapService {
  constructor(
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Creates the user, or makes an existing one platform admin and sets the password. */
  async createPlatformAdmin(
    rawEmail: string,
    name: string,
    password: string,
  ): Promise<{ id: string; created: boolean }> {
    const email = rawEmail.trim().toLowerCase();
    const problems = passwordProblems(password, { email, name });
    if (problems.length) throw validationFailed(problems);
    const passwordHash = await hashPassword(password);
    return this.transactions.run(async (m) => {
      const existing = await this.users.findIdByEmail(m, email);
      const id =
        existing ??
        (await this.users.insert(m, { email, name, passwordHash, isPlatformAdmin: true }));
      if (existing) {
        await this.users.setPasswordHash(m, id, passwordHash);
        await this.users.setPlatformAdmin(m, id);
      }
      await this.audit.record(m, {
        actorUserId: null,
        organisationId: null,
        action: existing ? 'user.made-platform-admin' : 'user.created',
        entityType: 'user',
        entityId: id,
        data: { via: 'cli', email },
      });
      return { id, created: !existing };
    });
  }
}
