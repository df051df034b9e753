import { Module } from '@nestjs/common';
import { AreaRepository } from './area.repository';
import { AreaService } from './area.service';
import { AreasController } from './areas.controller';
import { AssignmentRepository } from './assignment.repository';
import { AssignmentService } from './assignment.service';
import { AssignmentsController } from './assignments.controller';
import { BusinessRepository } from './business.repository';
import { BusinessService } from './business.service';
import { BusinessesController } from './businesses.controller';
import { CadreRepository } from './cadre.repository';
import { CadreService } from './cadre.service';
import { CadresController } from './cadres.controller';
import { VolunteerRepository } from './volunteer.repository';
import { VolunteerService } from './volunteer.service';
import { VolunteersController } from './volunteers.controller';

/** 两个责任 registry: areas, businesses, cadres, 包保 assignments, commitment letters, the volunteer roster. */
@Module({
  controllers: [AreasController, BusinessesController, CadresController, AssignmentsController, VolunteersController],
  providers: [
    AreaRepository,
    AreaService,
    AssignmentRepository,
    AssignmentService,
    BusinessRepository,
    BusinessService,
    CadreRepository,
    CadreService,
    VolunteerRepository,
    VolunteerService,
  ],
  // Routing and complaints need the business → cadre link and the tier rule's view of the registry.
  exports: [BusinessService, AssignmentService, AreaService],
})
export class RegistryModule {}
