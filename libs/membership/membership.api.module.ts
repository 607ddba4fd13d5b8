import { Module } from '@nestjs/common';
import { MembershipController } from './membership.controller';
import { MembershipModule } from './membership.module';

@Module({ imports: [MembershipModule], controllers: [MembershipController] })
export class MembershipApiModule {}
