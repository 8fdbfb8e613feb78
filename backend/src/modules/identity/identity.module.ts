import { Global, Module } from '@nestjs/common';
import { PrincipalCache } from '../../common/auth/principal-cache.js';
import { FailureRateLimiter } from '../../common/http/rate-limiter.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { UsersService } from './users.service.js';
import { TenantsService } from './tenants.service.js';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, PrincipalCache, PasswordHasher, UsersService, TenantsService, FailureRateLimiter],
  exports: [AuthService, PasswordHasher, UsersService, TenantsService, FailureRateLimiter, PrincipalCache],
})
export class IdentityModule {}
