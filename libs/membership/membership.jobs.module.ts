import { Module } from '@nestjs/common';
import { MembershipHandlers } from './membership.handlers';
import { MembershipModule } from './membership.module';

@Module({ imports: [MembershipModule], providers: [MembershipHandlers] })
export class MembershipJobsModule {}
