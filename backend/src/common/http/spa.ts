import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the built console at `/`. Known files are served as they are; any other GET outside the
 * API answers index.html so that the console's own routes (e.g. /activate/:slug/:code) load on refresh.
 */
export async function registerConsole(fastify: FastifyInstance, uiDist: string): Promise<boolean> {
  const index = path.join(uiDist, 'index.html');
  if (!existsSync(index)) return false;
  await fastify.register(fastifyStatic, { root: uiDist, prefix: '/', wildcard: false, index: false });
  const apiLike = /^\/(api|docs|health|metrics|admin\/queues)(\/|$|-)/;
  fastify.get('/*', (request, reply) => {
    if (apiLike.test(request.url)) {
      return reply
        .status(404)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send({
          type: 'https://admit.dev/problems/not-found',
          title: 'Not Found',
          status: 404,
          code: 'not_found',
          detail: `No route ${request.method} ${request.url.split('?')[0]}`,
          requestId: String(request.id),
        });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  fastify.get('/', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  return true;
}
