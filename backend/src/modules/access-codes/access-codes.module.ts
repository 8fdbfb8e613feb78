import { Module } from '@nestjs/common';
import { PlanUsage } from '../products/products.service.js';
import { AccessCodesController } from './access-codes.controller.js';
import { AccessCodesRepository } from './access-codes.repository.js';
import { AccessCodesService } from './access-codes.service.js';

@Module({
  controllers: [AccessCodesController],
  providers: [
    AccessCodesService,
    AccessCodesRepository,
    { provide: PlanUsage, useExisting: AccessCodesService },
  ],
  exports: [AccessCodesService, AccessCodesRepository, PlanUsage],
})
export class AccessCodesModule {}
