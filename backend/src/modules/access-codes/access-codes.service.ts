import { Injectable } from '@nestjs/common';
import { normalizeCode } from '@admit/codes';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { UnitOfWork } from '../../common/events/event-publisher.js';
import { PlanUsage } from '../products/products.service.js';
import { AccessCode } from './access-code.entity.js';
import { emRunner } from '../../common/database/read-query.js';
import { AccessCodesRepository, type CodeRow } from './access-codes.repository.js';
import { toAccessCodeDto } from './access-code.view.js';
import { CodeEvent } from './code-event.entity.js';
import type { AccessCodeDto, CodeHistoryEntryDto, UpdateAccessCodeDto } from './dto/access-code.dto.js';
import { CodeDeactivated } from './events/code-deactivated.event.js';
import { CodeUpdated } from './events/code-updated.event.js';

/** Codes a person may type: printable ASCII after normalisation, no spaces. */
const CODE_TEXT = /^[\x21-\x7e]{1,64}$/;

/**
 * One code: read it, edit it, (de)activate it, its history; and PlanUsage (whether a plan or
 * product has codes). The list's pages and the CSV exports are CodeListService's.
 */
@Injectable()
export class AccessCodesService extends PlanUsage {
  constructor(
    private readonly em: EntityManager,
    private readonly uow: UnitOfWork,
    private readonly repo: AccessCodesRepository,
  ) {
    super();
  }

  /** From the per-batch counters: no scan of the codes (the plan's batches' codes). */
  codesUsingPlan(em: EntityManager, projectId: string, planId: string): Promise<number> {
    return this.repo.codeCount(emRunner(em), projectId, { planId });
  }

  codesUsingProduct(em: EntityManager, projectId: string, productId: string): Promise<number> {
    return this.repo.codeCount(emRunner(em), projectId, { productId });
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

  private async rowOrFail(em: EntityManager, projectId: string, codeId: string): Promise<CodeRow> {
    const row = await this.repo.findRow(em, projectId, codeId);
    if (!row) throw DomainError.notFound('Code');
    return row;
  }
}
