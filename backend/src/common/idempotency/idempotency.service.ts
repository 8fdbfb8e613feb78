import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '../errors/domain-error.js';
import { type TransactionScope, UnitOfWork } from '../events/event-publisher.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY_RE = /^[\x21-\x7e]{1,255}$/;

/** Canonical JSON (sorted keys) so the same request hashes the same whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('hex');
}

export function assertIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!KEY_RE.test(key)) {
    throw DomainError.validation(
      'Idempotency-Key',
      'Idempotency-Key must be 1–255 printable ASCII characters',
    );
  }
  return key;
}

/**
 * Runs a use case at most once per `Idempotency-Key`. The key is locked for the length of the
 * transaction (advisory lock), so a retry racing the first request waits for it and then returns
 * its stored answer; the answer is written in the same transaction as the change.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly uow: UnitOfWork) {}

  async execute<T>(
    opts: { projectId: string; scope: string; key?: string; request: unknown },
    work: (scope: TransactionScope) => Promise<{ status: number; body: T }>,
  ): Promise<IdempotentResult<T>> {
    const key = assertIdempotencyKey(opts.key);
    if (!key) return { ...(await this.uow.run(work)), replayed: false };
    const hash = requestHash(opts.request);
    return this.uow.run(async (scope) => {
      const { em } = scope;
      await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
        `${opts.projectId}:${opts.scope}:${key}`,
      ]);
      const previous = await em.findOne(IdempotencyRecord, {
        projectId: opts.projectId,
        scope: opts.scope,
        key,
      });
      if (previous) {
        if (previous.requestHash !== hash) {
          throw new DomainError(
            'idempotency_key_reused',
            422,
            'This Idempotency-Key was already used with a different request',
            [
              {
                field: 'Idempotency-Key',
                code: 'not_unique',
                message: 'already used with a different request body',
              },
            ],
          );
        }
        return { status: previous.statusCode, body: previous.response as T, replayed: true };
      }
      const result = await work(scope);
      em.create(IdempotencyRecord, {
        projectId: opts.projectId,
        scope: opts.scope,
        key,
        requestHash: hash,
        statusCode: result.status,
        response: JSON.parse(JSON.stringify(result.body)),
      });
      await em.flush();
      return { ...result, replayed: false };
    });
  }
}
