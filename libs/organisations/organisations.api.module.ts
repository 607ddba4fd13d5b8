import { Module } from '@nestjs/common';
import { InitiativesController } from './initiatives.controller';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsModule } from './organisations.module';

@Module({
  imports: [OrganisationsModule],
  controllers: [OrganisationsController, InitiativesController],
})
export class OrganisationsApiModule {}
