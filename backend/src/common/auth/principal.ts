import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ApiKeyScope, ProjectRole } from '@admit/shared';
import type { FastifyRequest } from 'fastify';

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  tenantId: string;
  email: string;
  name: string;
}

export interface ApiKeyPrincipal {
  kind: 'apiKey';
  keyId: string;
  keyName: string;
  projectId: string;
  scopes: ApiKeyScope[];
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

/** The project a console route acts on, with the caller's role in it. */
export interface ProjectAccess {
  projectId: string;
  role: ProjectRole;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    projectAccess?: ProjectAccess;
  }
}

export const IS_PUBLIC = 'admit:public';
export const REQUIRED_ROLE = 'admit:role';
export const REQUIRED_SCOPE = 'admit:scope';

/** No credentials needed (login, health, public activation). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** A console route on `:projectId`: the caller must be a member with at least this role. */
export const RequireRole = (role: ProjectRole) => SetMetadata(REQUIRED_ROLE, role);
/** A service route: the caller must be an API key with this scope. */
export const RequireScope = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): UserPrincipal => {
  const principal = ctx.switchToHttp().getRequest<FastifyRequest>().principal;
  if (principal?.kind !== 'user') throw new Error('CurrentUser used on a route that admits no user');
  return principal;
});

export const CurrentApiKey = createParamDecorator((_: unknown, ctx: ExecutionContext): ApiKeyPrincipal => {
  const principal = ctx.switchToHttp().getRequest<FastifyRequest>().principal;
  if (principal?.kind !== 'apiKey') throw new Error('CurrentApiKey used on a route that admits no API key');
  return principal;
});

export const CurrentProject = createParamDecorator((_: unknown, ctx: ExecutionContext): ProjectAccess => {
  const access = ctx.switchToHttp().getRequest<FastifyRequest>().projectAccess;
  if (!access) throw new Error('CurrentProject used on a route without RequireRole');
  return access;
});

/** The address a request came from (Fastify honours trustProxy for X-Forwarded-For). */
export const ClientIp = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<FastifyRequest>().ip,
);

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
