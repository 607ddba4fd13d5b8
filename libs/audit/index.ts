// The append-only audit log: who changed what, when and from where. Services call
// AuditService.record(manager, ...) inside their own transaction.
export * from './audit.module';
export * from './audit.api.module';
export * from './audit.jobs.module';
export * from './audit.service';
export * from './audit-diff';
export { AuditEvent } from './audit-event.entity';
