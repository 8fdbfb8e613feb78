import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AccessResolver } from './access-resolver.service.js';
import { AuthGuard } from './auth.guard.js';

/**
 * Who is calling and what they may do: the API's one guard and the resolver behind it (also used
 * by the queue dashboard). Above identity, projects and api-keys, whose services it asks.
 */
@Global()
@Module({
  imports: [ProjectsModule, ApiKeysModule],
  providers: [AccessResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessResolver],
})
export class AccessModule {}
