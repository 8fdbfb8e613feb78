import { Module } from '@nestjs/common';
import { ProductsController } from './products.controller.js';
import { ProductsService } from './products.service.js';

/**
 * Products and plans; whether a plan is in use is answered by the access-codes module, which
 * provides PlanUsage (globally: this module sits below it and does not import it).
 */
@Module({
  controllers: [ProductsController],
  providers: [ProductsService],
  exports: [ProductsService],
})
export class ProductsModule {}
