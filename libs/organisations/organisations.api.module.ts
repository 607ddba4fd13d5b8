import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsModule } from './organisations.module';

@Module({ imports: [OrganisationsModule], controllers: [OrganisationsController] })
export class OrganisationsApiModule {}
