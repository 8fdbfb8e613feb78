import { Global, Module } from '@nestjs/common';
import { PlanUsage } from '../products/products.service.js';
import { AccessCodesController } from './access-codes.controller.js';
import { AccessCodesRepository } from './access-codes.repository.js';
import { AccessCodesService } from './access-codes.service.js';
import { BatchCodesService } from './batch-codes.service.js';
import { CodeListService } from './code-list.service.js';
import { CodeUsesService } from './code-uses.service.js';

/**
 * Codes, their counters, Custom Name counters and audit rows (the tables this module owns; see
 * docs/architecture.md). Other modules reach them through the exported services, never the
 * repository. Global so the products module gets PlanUsage (whether a plan or product has codes)
 * without importing this module back: products sits below access-codes.
 */
@Global()
@Module({
  controllers: [AccessCodesController],
  providers: [
    AccessCodesService,
    CodeListService,
    AccessCodesRepository,
    BatchCodesService,
    CodeUsesService,
    { provide: PlanUsage, useExisting: AccessCodesService },
  ],
  exports: [AccessCodesService, CodeListService, BatchCodesService, CodeUsesService, PlanUsage],
})
export class AccessCodesModule {}
