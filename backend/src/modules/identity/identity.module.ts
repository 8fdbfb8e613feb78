import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FailureRateLimiter } from '../../common/http/rate-limiter.js';
import { AccessResolver } from './access.resolver.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { UsersService } from './users.service.js';
import { OperatorAccessService } from './operator-access.service.js';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    AccessResolver,
    PasswordHasher,
    UsersService,
    OperatorAccessService,
    FailureRateLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PasswordHasher, UsersService, OperatorAccessService, FailureRateLimiter, AccessResolver],
})
export class IdentityModule {}
