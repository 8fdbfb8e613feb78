import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { ErrorCode } from '@admit/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestFields } from '../logging/logger.js';
import { asDependencyUnavailable } from './dependency-unavailable.js';
import { DomainError, type FieldError } from './domain-error.js';
import { mapFastifyError } from './fastify-errors.js';

export const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  requestId: string;
  [key: string]: unknown;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** The one place where errors become HTTP: `application/problem+json` with a stable `code`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(caught: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // PostgreSQL or Redis out of reach, wherever it surfaced: 503 with Retry-After, never a 500.
    const unavailable = asDependencyUnavailable(caught);
    const exception = unavailable ?? caught;
    const body = this.toProblem(exception, String(request.id));
    // Logged once, here, with what is needed to find it again (never headers or bodies).
    if (unavailable) {
      request.log.warn(
        { ...requestFields(request), dependency: unavailable.dependency, err: unavailable.cause },
        `Dependency unavailable: ${unavailable.dependency}`,
      );
    } else if (body.status >= 500) {
      request.log.error(
        { ...requestFields(request), err: caught },
        `Unhandled error: ${errorMessage(caught)}`,
      );
    }
    if (exception instanceof DomainError && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers)) reply.header(name, value);
    }
    this.sendProblem(reply, body);
  }

  sendProblem(reply: FastifyReply, body: ProblemBody): void {
    reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
  }

  toProblem(exception: unknown, requestId: string): ProblemBody {
    if (exception instanceof DomainError) {
      return this.body(
        exception.status,
        exception.code,
        exception.message,
        requestId,
        exception.errors,
        exception.extra,
      );
    }
    // Fastify's own errors (router, body parser: bad URL, long parameter, media type, size, JSON).
    // Nest wraps them in an HttpException whose cause is the FastifyError.
    const fastify =
      mapFastifyError(exception) ??
      (exception instanceof HttpException ? mapFastifyError(exception.cause) : null);
    if (fastify) {
      const code = fastify.code ?? STATUS_CODES[fastify.status] ?? 'validation_failed';
      return this.body(fastify.status, code, fastify.detail, requestId, fastify.errors);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail =
        typeof response === 'object' && response && 'message' in response
          ? [response.message].flat().join('; ')
          : exception.message;
      return this.body(
        status,
        STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'validation_failed'),
        detail,
        requestId,
      );
    }
    return this.body(
      500,
      'internal_error',
      `Something went wrong on our side (request ${requestId})`,
      requestId,
    );
  }

  private body(
    status: number,
    code: string,
    detail: string,
    requestId: string,
    errors?: FieldError[],
    extra?: Record<string, unknown>,
  ): ProblemBody {
    return {
      type: `https://admit.dev/problems/${code.replace(/_/g, '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      code,
      detail,
      ...(errors?.length ? { errors } : {}),
      ...extra,
      requestId,
    };
  }
}
