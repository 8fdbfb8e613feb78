import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { normalizeCode } from '@admit/codes';
import type pg from 'pg';
import type { Readable } from 'node:stream';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { PG_POOL, PG_READ_POOL } from '../../common/database/pg-pool.module.js';
import { copyCsvOut } from '../../common/database/copy-out.js';
import { readRunner } from '../../common/database/read-query.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { decodeKeysetCursor } from '../../common/http/keyset-cursor.js';
import { UnitOfWork } from '../../common/events/event-publisher.js';
import { PlanUsage } from '../products/products.service.js';
import { AccessCode } from './access-code.entity.js';
import {
  CODE_FROM,
  AccessCodesRepository,
  emRunner,
  type CodeCounts,
  type CodeRow,
  type SqlRunner,
} from './access-codes.repository.js';
import { toAccessCodeDto } from './access-code.view.js';
import { CodeEvent } from './code-event.entity.js';
import type {
  AccessCodeDto,
  AccessCodeListDto,
  CodeFiltersDto,
  CodeHistoryEntryDto,
  ListCodesQueryDto,
  UpdateAccessCodeDto,
} from './dto/access-code.dto.js';
import { CodeDeactivated } from './events/code-deactivated.event.js';
import { CodeUpdated } from './events/code-updated.event.js';

/** Codes a person may type: printable ASCII after normalisation, no spaces. */
const CODE_TEXT = /^[\x21-\x7e]{1,64}$/;

export function normaliseSearch(q: string | undefined): string | undefined {
  const n = q ? normalizeCode(q) : '';
  return n.length ? n : undefined;
}

@Injectable()
export class AccessCodesService extends PlanUsage {
  constructor(
    private readonly em: EntityManager,
    private readonly uow: UnitOfWork,
    private readonly repo: AccessCodesRepository,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(PG_READ_POOL) private readonly readPool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** From the per-batch counters: no scan of the codes (the plan's batches' codes). */
  async codesUsingPlan(em: EntityManager, planId: string): Promise<number> {
    const projectId = await this.projectOf(em, 'plans', planId);
    return projectId ? this.repo.codeCount(emRunner(em), projectId, { planId }) : 0;
  }

  async codesUsingProduct(em: EntityManager, productId: string): Promise<number> {
    const projectId = await this.projectOf(em, 'products', productId);
    return projectId ? this.repo.codeCount(emRunner(em), projectId, { productId }) : 0;
  }

  private async projectOf(
    em: EntityManager,
    table: 'plans' | 'products',
    id: string,
  ): Promise<string | null> {
    const [row] = await em.execute<{ project_id: string }[]>(`select project_id from ${table} where id = ?`, [
      id,
    ]);
    return row?.project_id ?? null;
  }

  /**
   * One page of codes (and the counts when asked), read on the read pool: each statement is
   * bounded by its timeout and cancelled when `signal` says the client went away.
   */
  async list(projectId: string, query: ListCodesQueryDto, signal?: AbortSignal): Promise<AccessCodeListDto> {
    const run = readRunner(this.readPool, signal);
    const parts = query.cursor ? decodeKeysetCursor(query.cursor) : undefined;
    const cursor = parts && { createdAt: parts.at, id: parts.id };
    const q = normaliseSearch(query.q);
    const { rows, nextCursor } = await this.repo.page(run, projectId, query, q, query.limit ?? 50, cursor);
    const counts = query.counts ? await this.repo.counts(run, projectId, query, q) : undefined;
    return this.withRedeemers(run, rows, nextCursor, counts);
  }

  private async withRedeemers(
    run: SqlRunner,
    rows: CodeRow[],
    nextCursor: string | null,
    counts: CodeCounts | undefined,
  ): Promise<AccessCodeListDto> {
    const redeemers = await this.repo.redeemers(
      run,
      rows.filter((r) => r.redemption_count > 0).map((r) => r.id),
    );
    const items = rows.map((r) => toAccessCodeDto(r, redeemers.get(r.id)));
    return { items, nextCursor, ...(counts ? { counts } : {}) };
  }

  /** GET …/batches/:batchId/codes: the batch's codes in the order they were made, with the list's filters. */
  async listBatch(
    projectId: string,
    batchId: string,
    query: ListCodesQueryDto,
    signal?: AbortSignal,
  ): Promise<AccessCodeListDto> {
    const run = readRunner(this.readPool, signal);
    const afterId = query.cursor ? decodeKeysetCursor(query.cursor).id : undefined;
    const q = normaliseSearch(query.q);
    const filters = { ...query, batchId };
    const { rows, nextCursor } = await this.repo.batchPage(
      run,
      projectId,
      batchId,
      filters,
      q,
      query.limit ?? 50,
      afterId,
    );
    return this.withRedeemers(
      run,
      rows,
      nextCursor,
      query.counts ? await this.repo.counts(run, projectId, filters, q) : undefined,
    );
  }

  async get(projectId: string, codeId: string): Promise<AccessCodeDto> {
    const em = this.em.fork();
    const row = await this.rowOrFail(em, projectId, codeId);
    return toAccessCodeDto(row, (await this.repo.redeemers(emRunner(em), [row.id])).get(row.id));
  }

  async update(
    projectId: string,
    codeId: string,
    user: UserPrincipal,
    dto: UpdateAccessCodeDto,
  ): Promise<AccessCodeDto> {
    try {
      await this.uow.run(async ({ em, publish }) => {
        const code = await em.findOne(
          AccessCode,
          { id: codeId, projectId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (!code) throw DomainError.notFound('Code');
        // The code as people see it: the admin's own text when they typed one.
        const shown = () => code.displayText ?? code.code;
        const before = {
          code: shown(),
          usageType: code.usageType,
          maxRedemptions: code.maxRedemptions ?? null,
          validFrom: code.validFrom ?? null,
          validTill: code.validTill ?? null,
        };

        if (dto.code !== undefined) {
          // Kept as typed for display ("summer camp 01"); matched in its normalised form.
          const typed = dto.code.trim().replace(/\s+/g, ' ');
          const text = normalizeCode(typed);
          if (!CODE_TEXT.test(text))
            throw DomainError.validation(
              'code',
              'A code is 1–64 letters, digits or symbols, without spaces',
              'invalid_format',
            );
          if (text !== code.code) {
            code.code = text;
            code.sequenceNo = null;
          }
          code.displayText = typed;
        }
        const usageType = dto.usageType ?? code.usageType;
        let max = dto.maxRedemptions !== undefined ? dto.maxRedemptions : (code.maxRedemptions ?? null);
        if (usageType === 'single') {
          if (dto.maxRedemptions !== undefined && dto.maxRedemptions !== 1 && dto.maxRedemptions !== null) {
            throw DomainError.validation(
              'maxRedemptions',
              'A single-use code is redeemed at most once',
              'too_large',
            );
          }
          max = 1;
        } else if (
          dto.usageType === 'multiple' &&
          dto.maxRedemptions === undefined &&
          code.usageType === 'single'
        ) {
          max = null;
        }
        if (max !== null && code.redemptionCount > max) {
          throw DomainError.validation(
            dto.maxRedemptions !== undefined ? 'maxRedemptions' : 'usageType',
            `This code was already redeemed ${code.redemptionCount} times; the limit cannot go below that`,
          );
        }
        code.usageType = usageType;
        code.maxRedemptions = max;
        if (dto.validFrom !== undefined) code.validFrom = dto.validFrom;
        if (dto.validTill !== undefined) code.validTill = dto.validTill;
        if (code.validFrom && code.validTill && code.validFrom >= code.validTill) {
          throw DomainError.validation('validTill', 'validTill must be after validFrom', 'before_start');
        }
        const after = {
          code: shown(),
          usageType: code.usageType,
          maxRedemptions: code.maxRedemptions ?? null,
          validFrom: code.validFrom ?? null,
          validTill: code.validTill ?? null,
        };
        const changes: Record<string, { before: unknown; after: unknown }> = {};
        for (const key of Object.keys(before) as (keyof typeof before)[]) {
          const a = before[key] instanceof Date ? (before[key] as Date).toISOString() : before[key];
          const b = after[key] instanceof Date ? (after[key] as Date).toISOString() : after[key];
          if (a !== b) changes[key] = { before: a, after: b };
        }
        if (!Object.keys(changes).length) return;
        code.updatedAt = new Date();
        em.create(CodeEvent, {
          projectId,
          codeId,
          batchId: code.batch.id,
          type: 'edited',
          actorType: 'user',
          actorId: user.userId,
          actorName: user.name,
          data: changes,
        });
        await em.flush();
        publish(new CodeUpdated(projectId, codeId, changes, user.userId));
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        throw DomainError.conflict('code', 'Another code in this project already has this text');
      }
      throw err;
    }
    return this.get(projectId, codeId);
  }

  async setActive(
    projectId: string,
    codeId: string,
    user: UserPrincipal,
    active: boolean,
  ): Promise<AccessCodeDto> {
    await this.uow.run(async ({ em, publish }) => {
      const code = await em.findOne(
        AccessCode,
        { id: codeId, projectId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!code) throw DomainError.notFound('Code');
      if (code.active === active) return;
      code.active = active;
      code.updatedAt = new Date();
      em.create(CodeEvent, {
        projectId,
        codeId,
        batchId: code.batch.id,
        type: active ? 'activated' : 'deactivated',
        actorType: 'user',
        actorId: user.userId,
        actorName: user.name,
      });
      await em.flush();
      if (!active) publish(new CodeDeactivated(projectId, [codeId], user.userId));
    });
    return this.get(projectId, codeId);
  }

  /** Created (from the batch), then every recorded change, oldest first. */
  async history(projectId: string, codeId: string): Promise<CodeHistoryEntryDto[]> {
    const em = this.em.fork();
    const code = await em.findOne(AccessCode, { id: codeId, projectId });
    if (!code) throw DomainError.notFound('Code');
    const batch = await this.repo.creation(emRunner(em), code.batch.id);
    const events = await em.find(CodeEvent, { codeId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return [
      {
        type: 'created',
        at: code.createdAt.toISOString(),
        actorType: batch.by_user ? 'user' : 'system',
        actorName: batch.created_by_name,
        data: { batchId: batch.id, mode: batch.mode, requestedCount: batch.requested_count },
      },
      ...events.map((e) => ({
        type: e.type,
        at: e.createdAt.toISOString(),
        actorType: e.actorType,
        actorName: e.actorName ?? null,
        data: e.data ?? null,
      })),
    ];
  }

  /**
   * The filtered codes as CSV, streamed by PostgreSQL itself (COPY … TO STDOUT): no row is held
   * in Node, so memory stays flat on millions of codes. Cells that a spreadsheet would run as a
   * formula are prefixed with a quote (admit_csv_safe).
   */
  async exportCsv(projectId: string, filters: CodeFiltersDto): Promise<Readable> {
    const { where, params } = this.repo.filterSql(projectId, filters, normaliseSearch(filters.q));
    return this.copyOut(exportQuery(where.join(' and '), 'c.created_at desc, c.id desc'), params);
  }

  /** One batch as CSV, in numbering order. */
  async exportBatchCsv(projectId: string, batchId: string): Promise<Readable> {
    return this.copyOut(
      exportQuery('c.project_id = ? and c.batch_id = ?', 'c.sequence_no nulls last, c.code'),
      [projectId, batchId],
    );
  }

  private copyOut(sql: string, params: unknown[]): Promise<Readable> {
    return copyCsvOut(this.pool, sql, params, this.config.db.exportStatementTimeoutMs);
  }

  private async rowOrFail(em: EntityManager, projectId: string, codeId: string): Promise<CodeRow> {
    const row = await this.repo.findRow(em, projectId, codeId);
    if (!row) throw DomainError.notFound('Code');
    return row;
  }
}

/** The export's columns: the seed's (Created Date … Redeemed By) plus product, plan, batch and counts. */
export function exportQuery(where: string, orderBy: string): string {
  return `select
      to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "Created Date",
      -- A display form starts with the code's or the Custom Name's first character; an admin's
      -- own text (display_text) can start with anything.
      case when c.display_text is not null then admit_csv_safe(c.display_text)
        when ascii(c.code) in (9, 13, 43, 45, 61, 64) or b.lead_unsafe
        then admit_csv_safe(admit_display_code(c.code, b.kind, b.prefix, b.len, b.group_size, b.check_char, b.custom_name, c.sequence_no))
        else admit_display_code(c.code, b.kind, b.prefix, b.len, b.group_size, b.check_char, b.custom_name, c.sequence_no) end as "Code",
      b.product_name_csv as "Product",
      b.plan_name_csv as "Plan",
      c.batch_id as "Batch",
      to_char(c.valid_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "Valid From",
      to_char(c.valid_till at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "Valid Till",
      c.usage_type as "Usage Type",
      c.max_redemptions as "Max Redemptions",
      case when c.active then 'yes' else 'no' end as "Active",
      case when c.redemption_count = 0 then 'unused'
           when c.usage_type = 'multiple' and c.max_redemptions is not null and c.redemption_count >= c.max_redemptions then 'exhausted'
           else 'used' end as "Status",
      c.redemption_count as "Redemptions",
      -- Kept on the code by the claim and revoke: no look-up in redemptions, and no correlated
      -- subquery, so PostgreSQL may compute these columns in its parallel workers.
      -- admit_csv_safe's test without its regular expression (a redeemer in every row of a used-codes export).
      case when ascii(c.redeemed_by) in (9, 13, 43, 45, 61, 64) then '''' || c.redeemed_by
           else c.redeemed_by end as "Redeemed By"
    ${CODE_FROM}
    where ${where}
    order by ${orderBy}`;
}
