import type { LoggerService } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type DestinationStream, type Logger, pino } from 'pino';

/** Header, body and field names whose values never reach a log line. */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'newPassword',
  'secret',
  'token',
  'accessToken',
  'apiKey',
  'x-api-key',
];

export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'admit' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          ...SECRET_FIELDS.flatMap((f) => [
            `req.headers["${f}"]`,
            `headers["${f}"]`,
            `["${f}"]`,
            `*["${f}"]`,
          ]),
          'err.config.headers',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** What a log line says about the request an error happened in; never its headers or body. */
export function requestFields(request: FastifyRequest): Record<string, unknown> {
  const principal = request.principal;
  return {
    requestId: String(request.id),
    method: request.method,
    route: request.routeOptions?.url ?? null,
    principal: principal
      ? principal.kind === 'user'
        ? { kind: 'user', id: principal.userId }
        : { kind: 'apiKey', id: principal.keyId, projectId: principal.projectId }
      : null,
  };
}

/**
 * Nest's logger interface over pino, so framework and app logs are the same JSON lines. Accepts
 * Nest's calling conventions (`message, stack?, context`) and the structured one used in this code
 * base (`{ err, …fields }, 'message'`): an error goes under `err` (pino serialises message, type and
 * stack), other fields are kept as fields, and the message is always text.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ): void {
    const rest = params.filter((p) => p !== undefined);
    const context = rest.length && typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = { context };
    let text: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      text = message.message;
    } else if (message && typeof message === 'object') {
      Object.assign(fields, message);
    } else {
      text = String(message);
    }
    for (const param of rest) {
      if (param instanceof Error) fields.err ??= param;
      else if (param && typeof param === 'object') Object.assign(fields, param);
      else if (typeof param === 'string' && text === undefined) text = param;
      // Nest passes a stack trace as a string after the message (`logger.error(msg, stack)`).
      else if (typeof param === 'string' && level === 'error') fields.stack = param;
    }
    const err = fields.err as { message?: unknown } | undefined;
    this.logger[level](fields, text ?? (typeof err?.message === 'string' ? err.message : ''));
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
