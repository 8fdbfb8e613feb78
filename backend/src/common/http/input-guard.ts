import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors/domain-error.js';
import { assertNoHostileInput, MAX_JSON_DEPTH } from '../errors/validation.js';

/** Largest request body, in bytes; a larger one is answered 413 before it is read whole. */
export const BODY_LIMIT = 1024 * 1024;

/**
 * How deep `text` (JSON) nests, counted without parsing; stops counting past `limit`. Brackets
 * inside strings do not count. Linear, so a 100,000-deep body costs one pass, not a stack.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The request-body and input rules of every endpoint (DESIGN §5):
 * - JSON only: `application/json` is the one body type parsed; any other (form-urlencoded,
 *   text, multipart) is answered 415 by Fastify, and mapped to problem+json by the filter.
 * - A body is a JSON object, nested at most MAX_JSON_DEPTH levels, at most BODY_LIMIT bytes.
 * - No string anywhere in the path parameters, the query or the body (values and keys) holds a
 *   NUL or an unpaired UTF-16 surrogate: 400 naming the field, before validation or a handler
 *   sees it (PostgreSQL cannot store either, and drivers turn them into 500s).
 *
 * Needs `bodyParser: false` on the Nest application, so that Nest registers no parser of its own.
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (request, body, done) => {
      const text = body as string;
      if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
        return done(
          DomainError.validation(
            'body',
            `The body is nested deeper than ${MAX_JSON_DEPTH} levels`,
            'too_deep',
          ),
          undefined,
        );
      }
      parseJson(request, text, (err, parsed) => {
        if (err) return done(err, undefined);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
          return done(
            DomainError.validation('body', 'The body must be a JSON object', 'invalid_type'),
            undefined,
          );
        done(null, parsed);
      });
    },
  );
  fastify.addHook('preValidation', async (request) => {
    assertNoHostileInput({ params: request.params, query: request.query, body: request.body });
  });
}
