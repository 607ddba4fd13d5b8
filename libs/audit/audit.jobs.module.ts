import { Module } from '@nestjs/common';

/** The audit log has no jobs yet; the module keeps the library's shape. */
@Module({})
export class AuditJobsModule {}
