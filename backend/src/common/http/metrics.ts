import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Metrics } from '../metrics/metrics.js';

function refuse(reply: FastifyReply, requestId: string, status: 401 | 403, detail: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({
      type: 'about:blank',
      title: status === 401 ? 'Unauthorized' : 'Forbidden',
      status,
      code: status === 401 ? 'unauthorized' : 'forbidden',
      detail,
      requestId,
    });
}

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus metrics at /metrics: the process's instruments (see Metrics) plus the duration of
 * every HTTP request by route template. Only for a scraper that sends
 * `Authorization: Bearer <METRICS_TOKEN>`; without a configured token the endpoint refuses
 * everyone (403).
 */
export function registerMetrics(fastify: FastifyInstance, token: string | undefined, metrics: Metrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  fastify.get('/metrics', async (request, reply) => {
    if (!token) return refuse(reply, String(request.id), 403, 'Metrics are off: set METRICS_TOKEN');
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!given || !sameSecret(given, token))
      return refuse(reply, String(request.id), 401, 'Send Authorization: Bearer <METRICS_TOKEN>');
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}

/**
 * A worker serves no API, but its counters (codes generated, batch durations, mail and webhook
 * deliveries) live in its process: with METRICS_TOKEN set it answers /metrics (and /health/live)
 * on PORT, behind the same token. Without a token it opens no port at all.
 */
export async function serveWorkerMetrics(
  metrics: Metrics,
  options: { token: string | undefined; port: number; host: string },
): Promise<FastifyInstance | null> {
  if (!options.token) return null;
  const server = Fastify();
  registerMetrics(server, options.token, metrics);
  server.get('/health/live', async () => ({ status: 'ok' }));
  await server.listen({ port: options.port, host: options.host });
  return server;
}
