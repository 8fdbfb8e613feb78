import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_TOKEN_PREFIX } from './tokens.js';

/**
 * The console's session travels in an HttpOnly, SameSite=Strict cookie (Secure behind https), so
 * page scripts never see it. API clients keep `Authorization: Bearer`. Against CSRF the cookie is
 * only believed on unsafe methods with `X-Requested-With: admit-console`: a cross-site form cannot
 * set a header, and a cross-site fetch that sets one needs a CORS preflight this server never
 * grants. SameSite=Strict is the second wall.
 */
export const SESSION_COOKIE = 'admit_session';
export const CONSOLE_HEADER = 'x-requested-with';
export const CONSOLE_HEADER_VALUE = 'admit-console';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function fromConsole(request: FastifyRequest): boolean {
  return request.headers[CONSOLE_HEADER] === CONSOLE_HEADER_VALUE;
}

/** The session token of the cookie, if the request carries one. */
export function sessionFromCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value.startsWith(SESSION_TOKEN_PREFIX) ? value : undefined;
    }
  }
  return undefined;
}

/** An unsafe request that relies on the cookie without the console's header (a CSRF attempt). */
export function lacksCsrfHeader(request: FastifyRequest): boolean {
  return !SAFE_METHODS.has(request.method) && !fromConsole(request);
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    // Path=/ and not /api: the queue dashboard at /admin/queues is behind the same session.
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  reply.header('set-cookie', cookie(token, maxAge, secure));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.header('set-cookie', cookie('', 0, secure));
}
