import type { FastifyInstance, FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

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
 * Prometheus metrics at /metrics: process defaults plus one histogram of HTTP requests by route.
 * Only for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`; without a configured
 * token the endpoint refuses everyone (403).
 */
export function registerMetrics(fastify: FastifyInstance, token: string | undefined): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'admit_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  fastify.addHook('onResponse', async (request, reply) => {
    duration.observe(
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
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
