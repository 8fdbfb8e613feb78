import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ApiKeyScope, type ProjectRole, roleAtLeast } from '@admit/shared';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, REQUIRED_ROLE, REQUIRED_SCOPE, UUID_RE } from '../../common/auth/principal.js';
import {
  CONSOLE_HEADER_VALUE,
  lacksCsrfHeader,
  sessionFromCookie,
} from '../../common/auth/session-cookie.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { AccessResolver } from './access-resolver.service.js';

/**
 * The one gate of the API. Every route needs a console session (bearer token, or the console's
 * cookie with its CSRF header on unsafe methods) unless it is `@Public()`, or asks
 * for an API key scope with `@RequireScope()`. Routes on `:projectId` with `@RequireRole()` also
 * need a membership: a project the caller is not a member of answers 404, as if it did not exist.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = bearer ? undefined : sessionFromCookie(request);
    if (cookie && lacksCsrfHeader(request))
      throw DomainError.forbidden(
        `A console request needs the header X-Requested-With: ${CONSOLE_HEADER_VALUE}`,
      );
    const token = bearer ?? cookie;
    const principal = token ? await this.access.resolveToken(token) : null;
    if (!principal) throw DomainError.unauthorized();
    request.principal = principal;

    const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, targets);
    if (scope) {
      if (principal.kind !== 'apiKey') throw DomainError.forbidden('This endpoint is for API keys');
      if (!principal.scopes.includes(scope))
        throw DomainError.forbidden(`This API key lacks the scope ${scope}`);
      return true;
    }
    if (principal.kind !== 'user') throw DomainError.forbidden('This endpoint is for console users');

    const role = this.reflector.getAllAndOverride<ProjectRole | undefined>(REQUIRED_ROLE, targets);
    if (!role) return true;
    const projectId = (request.params as Record<string, string | undefined>).projectId;
    if (!projectId || !UUID_RE.test(projectId)) throw DomainError.notFound('Project');
    const actual = await this.access.roleIn(principal.userId, projectId);
    if (!actual) throw DomainError.notFound('Project');
    if (!roleAtLeast(actual, role))
      throw DomainError.forbidden(`This needs the ${role} role; you are ${actual}`);
    request.projectAccess = { projectId, role: actual };
    return true;
  }
}
