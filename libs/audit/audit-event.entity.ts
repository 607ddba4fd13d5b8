import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per state change; append-only (REVOKE + trigger, see the foundation migration). */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint' }) id: number;
  @Column({ type: 'timestamptz' }) occurredAt: Date;
  @Column({ type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ type: 'uuid', nullable: true }) organisationId: string | null;
  @Column() action: string;
  @Column() entityType: string;
  @Column() entityId: string;
  @Column({ type: 'jsonb', nullable: true }) changes: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) requestId: string | null;
  @Column({ type: 'inet', nullable: true }) ip: string | null;
}
