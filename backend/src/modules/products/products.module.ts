import { Module } from '@nestjs/common';
import { AccessCodesModule } from '../access-codes/access-codes.module.js';
import { ProductsController } from './products.controller.js';
import { ProductsService } from './products.service.js';

/** Products and plans; whether a plan is in use is answered by the access-codes module (PlanUsage). */
@Module({
  imports: [AccessCodesModule],
  controllers: [ProductsController],
  providers: [ProductsService],
  exports: [ProductsService],
})
export class ProductsModule {}
