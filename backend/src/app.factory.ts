import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { ProblemFilter } from './common/errors/problem.filter.js';
import { createValidationPipe } from './common/errors/validation.js';
import { BODY_LIMIT, registerInputGuard } from './common/http/input-guard.js';
import { registerMetrics } from './common/http/metrics.js';
import { completeOpenApiDocument } from './common/http/openapi-contract.js';
import { Metrics } from './common/metrics/metrics.js';
import { registerSecurityHeaders } from './common/http/security-headers.js';
import { registerConsole } from './common/http/spa.js';
import { createRootLogger, PinoNestLogger } from './common/logging/logger.js';
import { registerDrainingReadiness } from './modules/operations/graceful-shutdown.js';
import { registerQueueDashboard } from './modules/operations/queue-dashboard.js';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Admit API')
    .setDescription(
      'Access codes: generate, manage, validate and redeem. Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  // Security schemes, error responses and summaries for every operation: see openapi-contract.ts.
  return completeOpenApiDocument(document, app);
}

/**
 * Builds the HTTP app exactly as `main.ts` serves it; tests use the same function (and may pass a
 * stream to read the log lines from).
 */
export async function createApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config.log.level, options.logDestination);
  const problems = new ProblemFilter();
  const adapter = new FastifyAdapter({
    // The router refuses a malformed URL (400) or an over-long parameter (414) before any hook or
    // Nest filter runs: answer those as problem+json too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      problems.sendProblem(reply, problems.toProblem(error, String(request.id))),
    loggerInstance: logger,
    trustProxy: config.http.trustProxy,
    bodyLimit: BODY_LIMIT,
    // While the server closes (see graceful-shutdown.ts), a request that arrives on a keep-alive
    // connection opened before is served, with `Connection: close`, instead of refused with 503.
    return503OnClosing: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    bodyParser: false, // registerInputGuard registers the one body parser (JSON)
  });
  const fastify = app.getHttpAdapter().getInstance();
  await registerSecurityHeaders(fastify, config.http.publicUrl);
  registerInputGuard(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(problems);
  // main.ts closes the app on SIGTERM/SIGINT itself, in the order that drains (graceful-shutdown.ts).
  registerDrainingReadiness(fastify);

  registerMetrics(fastify, config.http.metricsToken, app.get(Metrics));
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await registerQueueDashboard(fastify, app, problems, config.http);
  await registerConsole(fastify, config.http.uiDist);
  return app;
}
