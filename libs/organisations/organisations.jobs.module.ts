import { Module } from '@nestjs/common';

/** No jobs yet (exemption-notice expiry reminders belong to the clubs library). */
@Module({})
export class OrganisationsJobsModule {}
