import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutboxRelay } from '../../common/outbox/outbox-relay.js';

const draining = new WeakSet<FastifyInstance>();

/**
 * `/health/ready` answers 503 `{"status":"draining"}` once the process has been told to stop, so a
 * load balancer takes it out of rotation while it still serves. Registered before the server is
 * ready (Fastify takes no hook after that).
 */
export function registerDrainingReadiness(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (draining.has(fastify) && request.url.split('?')[0] === '/health/ready')
      return reply.code(503).send({ status: 'draining' });
  });
}

/** The providers of this app (`app.get` of one that is absent ends the process: Nest's abortOnError). */
function instancesOf(app: INestApplicationContext): unknown[] {
  return app
    .get(DiscoveryService)
    .getProviders()
    .map((wrapper) => wrapper.instance as unknown);
}

/** The BullMQ workers of this process (none in the `api` role). */
function workersOf(instances: unknown[]): Worker[] {
  return instances
    .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
    .flatMap((host) => {
      try {
        return [host.worker];
      } catch {
        return []; // never started (a processor of a role this process does not run)
      }
    });
}

export interface ShutdownOptions {
  /** The HTTP server of the `api` and `all` roles. */
  http?: FastifyInstance;
  /** How long the process stays in service, reporting not ready, before it stops listening. */
  delayMs: number;
  logger: Logger;
}

/**
 * Stops the process without failing what it has accepted, in this order:
 *
 * 1. `/health/ready` turns 503 and, for `delayMs`, everything else is still served, so a load
 *    balancer's health check takes the instance out of rotation before it stops listening.
 * 2. At once, in parallel: the HTTP server stops accepting connections and lets every request it
 *    has accepted finish (requests arriving on an open keep-alive connection meanwhile are served
 *    too, answered with `Connection: close`: see `return503OnClosing` in app.factory.ts); every
 *    BullMQ worker stops taking jobs and lets its running ones finish (a bulk batch's chunk
 *    commits whole; the next chunks wait in Redis for another worker); the outbox relay stops
 *    after its current run.
 * 3. Only then Nest's shutdown hooks close the database pools, Redis and the ORM, which the steps
 *    above still needed. (Nest's hooks alone happen to close the queues, and with them their
 *    workers, before the pools today, but only because of the modules' distances in the import
 *    graph; draining first does not depend on that, and drains HTTP and the workers in parallel.)
 *
 * Before this, a request arriving on a keep-alive connection during the close got Fastify's 503,
 * and readiness stayed 200 until the listener was gone (test/e2e/rolling-restart.e2e-spec.ts).
 */
export async function drainAndClose(app: INestApplicationContext, options: ShutdownOptions): Promise<void> {
  const { http, delayMs, logger } = options;
  if (http) {
    draining.add(http);
    if (delayMs > 0) {
      logger.info({ delayMs }, 'Draining: not ready any more, still serving');
      await sleep(delayMs);
    }
  }
  const instances = instancesOf(app);
  const workers = workersOf(instances);
  // The outbox relay (roles `worker` and `all`) stops after its current run.
  const relays = instances.filter((instance): instance is OutboxRelay => instance instanceof OutboxRelay);
  logger.info(
    { workers: workers.map((w) => w.name) },
    'Draining: finishing accepted requests and running jobs',
  );
  await Promise.all([
    http?.close(),
    ...workers.map((worker) => worker.close()),
    ...relays.map((relay) => relay.onApplicationShutdown()),
  ]);
  await app.close();
  logger.info('Drained and closed');
}

/**
 * On SIGTERM or SIGINT, drains and closes the app (drainAndClose) and exits 0; exits 1 if that
 * fails. A second signal while draining exits at once (1): the running jobs are then taken over by
 * another worker once their lock expires.
 */
export function closeGracefullyOnSignals(app: INestApplicationContext, options: ShutdownOptions): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.logger.warn({ signal }, 'Second signal while draining: exiting now');
      process.exit(1);
    }
    stopping = true;
    options.logger.info({ signal }, 'Shutting down gracefully');
    drainAndClose(app, options).then(
      () => process.exit(0),
      (err: unknown) => {
        options.logger.error({ err }, 'Graceful shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
