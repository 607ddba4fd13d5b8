import { Module } from '@nestjs/common';
import { CostCentresController } from './cost-centres.controller';
import { InitiativesController } from './initiatives.controller';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsModule } from './organisations.module';

@Module({
  imports: [OrganisationsModule],
  controllers: [OrganisationsController, InitiativesController, CostCentresController],
})
export class OrganisationsApiModule {}
