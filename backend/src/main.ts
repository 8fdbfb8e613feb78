import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { createApp } from './app.factory.js';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { serveWorkerMetrics } from './common/http/metrics.js';
import { Metrics } from './common/metrics/metrics.js';
import { createRootLogger, PinoNestLogger } from './common/logging/logger.js';
import { closeGracefullyOnSignals } from './modules/operations/graceful-shutdown.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (config.role === 'worker') {
    // A worker serves no HTTP: it only runs the queue processors.
    const logger = createRootLogger(config.log.level);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: new PinoNestLogger(logger),
    });
    closeGracefullyOnSignals(app, { delayMs: 0, logger });
    const metrics = await serveWorkerMetrics(app.get(Metrics), {
      token: config.http.metricsToken,
      port: config.http.port,
      host: config.http.host,
    });
    logger.info(
      { role: config.role, metricsPort: metrics ? config.http.port : null },
      'Admit worker started',
    );
    return;
  }
  const app = await createApp(config);
  const fastify = app.getHttpAdapter().getInstance();
  closeGracefullyOnSignals(app, {
    http: fastify,
    delayMs: config.http.shutdownDelayMs,
    logger: fastify.log as Logger,
  });
  await app.listen({ port: config.http.port, host: config.http.host });
  fastify.log.info(
    { url: config.http.publicUrl, role: config.role },
    `Admit is serving the console at ${config.http.publicUrl}/ and the API at ${config.http.publicUrl}/api/v1`,
  );
}

bootstrap().catch((err) => {
  console.error(err);
  process.exit(1);
});
