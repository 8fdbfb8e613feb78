import { Global, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { UnitOfWork } from './event-publisher.js';

/** Transactions, after-commit events and idempotency: the frame every use case runs in. */
@Global()
@Module({
  imports: [EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false })],
  providers: [UnitOfWork, IdempotencyService],
  exports: [UnitOfWork, IdempotencyService],
})
export class EventsModule {}
