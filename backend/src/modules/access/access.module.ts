import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AccessResolver } from './access-resolver.service.js';
import { AuthGuard } from './auth.guard.js';
import { QueueOperators } from '../identity/queue-operators.types.js';
import { OperatorAccessService } from './operator-access.service.js';

/**
 * Who is calling and what they may do: the API's one guard and the resolver behind it (also used
 * by the queue dashboard), and who is a queue operator (OperatorAccessService, also provided as
 * identity's QueueOperators for `GET /me`). Above identity, projects and api-keys, whose services
 * it asks.
 */
@Global()
@Module({
  imports: [ProjectsModule, ApiKeysModule],
  providers: [
    AccessResolver,
    OperatorAccessService,
    { provide: QueueOperators, useExisting: OperatorAccessService },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessResolver, OperatorAccessService, QueueOperators],
})
export class AccessModule {}
