import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardServerAdapter } from '@bull-board/fastify';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionFromCookie } from '../../common/auth/session-cookie.js';
import { asDependencyUnavailable } from '../../common/errors/dependency-unavailable.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { ProblemFilter } from '../../common/errors/problem.filter.js';
import { QueueName } from '../../common/queue/queue-names.js';
import { AccessResolver } from '../access/access-resolver.service.js';
import { OperatorAccessService } from '../access/operator-access.service.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** bull-board's page asks a font CDN for its typeface: out of the CSP, and a call home we do not want. */
const EXTERNAL_STYLESHEET = /<link[^>]+href="https?:\/\/[^"]*"[^>]*rel="stylesheet"[^>]*>/g;

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, for the operator: the console's session
 * cookie (or a session bearer token) of a user who owns at least one project of the operator's
 * tenant (`OPERATOR_TENANT_ID`, by default the tenant created first). The queues are the whole
 * installation's, holding every tenant's jobs, so the owners of other tenants, project admins and
 * support members are refused (403). Its actions (retry,
 * clean, pause) are POST/PUT/DELETE without the console's CSRF header, so they are only believed
 * from this origin (`Sec-Fetch-Site: same-origin`, or an Origin equal to the public URL).
 *
 * Registered on Fastify directly rather than through @bull-board/nestjs: that module prepends
 * the global prefix (`api/v1`) to the route, and its guard would be Nest middleware outside this
 * encapsulated scope, where the hooks below keep the check and the page rewrite to these routes.
 */
export async function registerQueueDashboard(
  fastify: FastifyInstance,
  app: INestApplicationContext,
  problems: ProblemFilter,
  http: { publicUrl: string },
): Promise<void> {
  const queues = Object.values(QueueName).map(
    (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
  );
  const serverAdapter = new BoardServerAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues,
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Admit queues', miscLinks: [{ text: 'Console', url: '/' }] } },
  });
  const access = app.get(AccessResolver, { strict: false });
  const operatorAccess = app.get(OperatorAccessService, { strict: false });
  const origin = new URL(http.publicUrl).origin;

  const authorize = async (request: FastifyRequest): Promise<void> => {
    if (!SAFE_METHODS.has(request.method)) {
      const sameSite =
        request.headers['sec-fetch-site'] === 'same-origin' || request.headers.origin === origin;
      if (!sameSite) throw DomainError.forbidden('Queue actions are only accepted from the dashboard itself');
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? sessionFromCookie(request);
    const principal = token ? await access.resolveToken(token) : null;
    if (principal?.kind !== 'user') throw DomainError.unauthorized('Sign in to the console first');
    if (!(await operatorAccess.isQueueOperator(principal)))
      throw DomainError.forbidden("The queue dashboard is for the owners of the installation's own tenant");
  };

  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        await authorize(request);
      } catch (error) {
        const problem = problems.toProblem(asDependencyUnavailable(error) ?? error, String(request.id));
        // A person opening the page without a session goes to the login form.
        if (
          problem.status === 401 &&
          request.method === 'GET' &&
          request.headers.accept?.includes('text/html')
        )
          return reply.redirect('/login');
        if (problem.status === 503) reply.header('retry-after', '5');
        problems.sendProblem(reply, problem);
        return reply;
      }
    });
    scope.addHook('onSend', async (_request, reply, payload) => {
      if (typeof payload !== 'string' || !String(reply.getHeader('content-type')).startsWith('text/html'))
        return payload;
      return payload.replace(EXTERNAL_STYLESHEET, '');
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
