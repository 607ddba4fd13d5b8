import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import {
  assertOrganisationRole,
  requestContext,
  type Actor,
  type Page,
  pageOf,
  pageWindow,
  PageQueryDto,
} from '@dachwerk/shared';
import { AuditEvent } from './audit-event.entity';
import { diffFields } from './audit-diff';

export interface AuditRecord {
  actorUserId: string | null;
  organisationId: string | null;
  /** e.g. `organisation.updated`, `user.created`, `auth.login` */
  action: string;
  entityType: string;
  entityId: string;
  /** Master data: pass before/after and the changed fields are stored. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Anything else worth keeping (no secrets). */
  data?: Record<string, unknown>;
}

export interface AuditQuery extends PageQueryDto {
  entityType?: string;
  entityId?: string;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Writes the audit row with the caller's manager: it commits with the change or not at all. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    const context = requestContext.current();
    const changes = record.after ? diffFields(record.before, record.after) : undefined;
    await manager.query(
      `INSERT INTO audit_events
         (actor_user_id, organisation_id, action, entity_type, entity_id, changes, request_id, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        record.actorUserId,
        record.organisationId,
        record.action,
        record.entityType,
        record.entityId,
        changes || record.data ? JSON.stringify({ ...record.data, ...changes }) : null,
        context?.requestId ?? null,
        context?.ip ?? null,
      ],
    );
  }

  /** What was done to one record, oldest first: the access log of a GDPR export (Art. 15). */
  async trail(
    manager: EntityManager,
    entityType: string,
    entityId: string,
  ): Promise<{ action: string; at: Date }[]> {
    return manager.query(
      `SELECT action, occurred_at AS "at" FROM audit_events WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
      [entityType, entityId],
    );
  }

  async list(actor: Actor, organisationId: string, query: AuditQuery): Promise<Page<AuditEvent>> {
    assertOrganisationRole(actor, organisationId, ['admin', 'board']);
    const where = {
      organisationId,
      ...(query.entityType ? { entityType: query.entityType } : {}),
      ...(query.entityId ? { entityId: query.entityId } : {}),
    };
    const [items, total] = await this.events.findAndCount({
      where,
      order: { id: 'DESC' },
      ...pageWindow(query),
    });
    return pageOf(items, total, query);
  }
}
