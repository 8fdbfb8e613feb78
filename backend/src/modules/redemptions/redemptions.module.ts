import { Module } from '@nestjs/common';
import { AccessCodesModule } from '../access-codes/access-codes.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { CodeLookupService } from './code-lookup.service.js';
import { RedemptionLogService } from './redemption-log.service.js';
import { BruteForceDefence } from './brute-force-defence.js';
import { RedemptionPool } from './redemption-pool.js';
import { RedemptionStatsRepository } from './redemption-stats.repository.js';
import { RedemptionStatsService } from './redemption-stats.service.js';
import { RedemptionLogController } from './redemption-log.controller.js';
import { RedemptionsController } from './redemptions.controller.js';
import { RedemptionsRepository } from './redemptions.repository.js';
import { RedemptionsService } from './redemptions.service.js';
import { RevocationsService } from './revocations.service.js';

/** Redeem, validate and read codes (services and the activation page), the log, revoke. */
@Module({
  imports: [AccessCodesModule, ProjectsModule],
  controllers: [RedemptionsController, RedemptionLogController],
  providers: [
    RedemptionsService,
    RevocationsService,
    CodeLookupService,
    RedemptionLogService,
    RedemptionsRepository,
    RedemptionStatsService,
    RedemptionStatsRepository,
    RedemptionPool,
    BruteForceDefence,
  ],
  exports: [RedemptionsService, CodeLookupService],
})
export class RedemptionsModule {}
