import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { assessKeyspace } from '@admit/codes';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { emRunner } from '../../common/database/read-query.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { decodeKeysetCursor, keysetPage } from '../../common/http/keyset-cursor.js';
import { UnitOfWork } from '../../common/events/event-publisher.js';
import { IdempotencyService } from '../../common/idempotency/idempotency.service.js';
import { JobName } from '../../common/queue/jobs.js';
import { QueueName } from '../../common/queue/queue-names.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { BatchCodesService } from '../access-codes/batch-codes.service.js';
import { CodeDeactivated } from '../access-codes/events/code-deactivated.event.js';
import { ProductsService } from '../products/products.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { BatchCompletion } from './batch-completion.js';
import { planBatch } from './batch-plan.js';
import { Batch } from './batch.entity.js';
import { snapshotOf, toBatchDto } from './batch.view.js';
import type { BatchDto, CreateBatchDto, CreateBatchResponseDto } from './dto/batch.dto.js';
import { BatchRequested } from './events/batch-requested.event.js';

const DOWNLOAD_LINK_DAYS = 7;

/** A batch as its codes email needs it. */
export interface BatchMailFacts {
  id: string;
  projectId: string;
  projectName: string;
  projectSlug: string;
  productName: string;
  planName: string;
  mode: 'standard' | 'bulk';
  generatedCount: number;
  validTill: Date | null;
  notify: boolean;
  notifyEmail: string | null;
}

@Injectable()
export class BatchesService {
  constructor(
    private readonly em: EntityManager,
    private readonly uow: UnitOfWork,
    private readonly idempotency: IdempotencyService,
    private readonly products: ProductsService,
    private readonly projects: ProjectsService,
    private readonly completion: BatchCompletion,
    private readonly codes: BatchCodesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Below the project's bulk threshold the codes are made in the request (201 with the codes);
   * at or above it the batch is queued (202) and a worker makes them in committed chunks.
   */
  async create(
    projectId: string,
    user: UserPrincipal,
    dto: CreateBatchDto,
    idempotencyKey?: string,
  ): Promise<{ status: number; body: CreateBatchResponseDto }> {
    const project = await this.projects.batchSettings(projectId);
    const { mode, maxRedemptions, format } = planBatch(project, dto);

    const result = await this.idempotency.execute<CreateBatchResponseDto>(
      { projectId, scope: 'batch.create', key: idempotencyKey, request: dto },
      async (scope) => {
        const { em } = scope;
        const plan = await this.products.issuablePlan(em, projectId, dto.productId, dto.planId);
        if (format.kind !== 'custom') {
          // Counting every code of the project over-estimates the codes sharing this keyspace: the safe side.
          const n = await this.codes.projectCodeCount(em, projectId);
          const guard = assessKeyspace(format, n, dto.count);
          if (!guard.ok)
            throw new DomainError('keyspace_exhausted', 400, guard.reason ?? 'Codes too short', [
              {
                field: 'format.length',
                code: 'too_short',
                message: guard.reason ?? 'too short for this many codes',
              },
            ]);
        }
        const bulk = mode === 'bulk';
        const batch = em.create(Batch, {
          project: projectId,
          product: plan.product,
          plan,
          mode,
          requestedCount: dto.count,
          usageType: dto.usageType,
          maxRedemptions,
          validFrom: dto.validFrom ?? null,
          validTill: dto.validTill ?? null,
          customName: format.kind === 'custom' ? (format.prefix ?? null) : null,
          format,
          notify: dto.notify,
          notifyEmail: dto.notify ? (dto.notifyEmail ?? user.email) : null,
          createdBy: user.userId,
        });
        await em.flush();
        await em.populate(batch, ['createdBy']);
        scope.publish(new BatchRequested(projectId, batch.id, batch.mode, batch.requestedCount, user.userId));
        if (bulk) {
          // The job id is the batch id: a retried enqueue can never start the batch twice.
          scope.enqueue(QueueName.batches, JobName.generate, { batchId: batch.id }, batch.id);
          return { status: 202, body: { batch: toBatchDto(batch) } };
        }
        await this.codes.write(emRunner(em), snapshotOf(batch), dto.count);
        batch.generatedCount = dto.count;
        await this.completion.complete(scope, batch);
        await em.flush();
        const codes = await this.codes.codeDtosOf(em, projectId, batch.id);
        return { status: 201, body: { batch: toBatchDto(batch), codes } };
      },
    );
    return { status: result.status, body: result.body };
  }

  async list(
    projectId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: BatchDto[]; nextCursor: string | null }> {
    const em = this.em.fork();
    const where: Record<string, unknown> = { project: projectId };
    if (cursor) {
      // Batch times are written from JavaScript (milliseconds), so an ISO string holds them exactly.
      const { at: createdAt, id } = decodeKeysetCursor(cursor);
      where.$or = [
        { createdAt: { $lt: new Date(createdAt) } },
        { createdAt: new Date(createdAt), id: { $lt: id } },
      ];
    }
    const batches = await em.find(Batch, where, {
      populate: ['product', 'plan', 'createdBy'],
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: limit + 1,
    });
    const { rows: page, nextCursor } = keysetPage(batches, limit, (b) => [b.createdAt.toISOString(), b.id]);
    const counters = await this.codes.counters(
      em,
      page.map((b) => b.id),
    );
    return {
      items: page.map((b) => {
        const counted = counters.get(b.id);
        return toBatchDto(b, { redeemedCount: counted?.used ?? 0, codeCount: counted?.total ?? 0 });
      }),
      nextCursor,
    };
  }

  async get(projectId: string, batchId: string): Promise<BatchDto> {
    const em = this.em.fork();
    const batch = await this.batchOrFail(em, projectId, batchId);
    const counted = (await this.codes.counters(em, [batchId])).get(batchId);
    return toBatchDto(batch, { redeemedCount: counted?.used ?? 0, codeCount: counted?.total ?? 0 });
  }

  /**
   * Deactivates every active code of the batch (or re-activates every inactive one), with one
   * audit row per code, set-based. The per-batch counters count codes and uses, not activity, so
   * neither direction moves them.
   */
  async setActive(
    projectId: string,
    batchId: string,
    user: UserPrincipal,
    active: boolean,
  ): Promise<BatchDto> {
    await this.uow.run(async ({ em, publish }) => {
      const batch = await this.batchOrFail(em, projectId, batchId, LockMode.PESSIMISTIC_WRITE);
      const ids = await this.codes.setActive(em, projectId, batchId, active, {
        userId: user.userId,
        name: user.name,
      });
      if (active) batch.deactivatedAt = null;
      else batch.deactivatedAt ??= new Date();
      await em.flush();
      if (!active) publish(new CodeDeactivated(projectId, ids, user.userId, batchId));
    });
    return this.get(projectId, batchId);
  }

  /**
   * "Resend email": the batch's codes email once more, through the mail queue (an outbox row in
   * the transaction, so an accepted resend is never lost), to the batch's address, another one,
   * or the asker's own. Only a completed batch has all its codes to send.
   */
  async resendEmail(
    projectId: string,
    batchId: string,
    user: UserPrincipal,
    email?: string,
  ): Promise<{ mailId: string; recipient: string }> {
    return this.uow.run(async (scope) => {
      const batch = await this.batchOrFail(scope.em, projectId, batchId);
      if (batch.status !== 'completed')
        throw new DomainError('conflict', 409, 'The codes can be emailed once the batch is completed');
      const recipient = (email ?? batch.notifyEmail ?? user.email).trim().toLowerCase();
      const mailId = randomUUID();
      scope.enqueue(QueueName.mail, JobName.batchCodes, { batchId, resend: { mailId, recipient } });
      return { mailId, recipient };
    });
  }

  /** A link to the batch's CSV that works without signing in until it expires (for bulk emails). */
  signedCsvLink(batch: { id: string }, now = Date.now()): { url: string; expiresAt: Date } {
    const expires = Math.floor(now / 1000) + DOWNLOAD_LINK_DAYS * 86_400;
    const signature = this.sign(batch.id, expires);
    return {
      url: `${this.config.http.publicUrl}/api/v1/public/batches/${batch.id}/codes.csv?expires=${expires}&signature=${signature}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  verifySignedCsv(batchId: string, expires: number, signature: string): void {
    const expected = Buffer.from(this.sign(batchId, expires));
    const given = Buffer.from(signature);
    if (
      expires < Date.now() / 1000 ||
      expected.length !== given.length ||
      !timingSafeEqual(expected, given)
    ) {
      throw new DomainError('not_found', 404, 'This download link is invalid or has expired');
    }
  }

  /** What the codes email says of a batch, or null when there is none. */
  async mailFacts(batchId: string): Promise<BatchMailFacts | null> {
    const batch = await this.em.fork().findOne(Batch, batchId, { populate: ['project', 'product', 'plan'] });
    if (!batch) return null;
    return {
      id: batch.id,
      projectId: batch.project.id,
      projectName: batch.project.name,
      projectSlug: batch.project.slug,
      productName: batch.product.name,
      planName: batch.plan.name,
      mode: batch.mode,
      generatedCount: batch.generatedCount,
      validTill: batch.validTill ?? null,
      notify: batch.notify,
      notifyEmail: batch.notifyEmail ?? null,
    };
  }

  async projectOf(batchId: string): Promise<string> {
    const batch = await this.em.fork().findOne(Batch, batchId, { fields: ['project'] });
    if (!batch) throw DomainError.notFound('Batch');
    return batch.project.id;
  }

  /** 404 unless the batch is the project's; one primary-key look-up (no counting, unlike `get`). */
  async assertExists(projectId: string, batchId: string): Promise<void> {
    if (!(await this.em.fork().count(Batch, { id: batchId, project: projectId })))
      throw DomainError.notFound('Batch');
  }

  private sign(batchId: string, expires: number): string {
    return createHmac('sha256', this.config.secret)
      .update(`batch-csv:${batchId}:${expires}`)
      .digest('base64url');
  }

  private async batchOrFail(
    em: EntityManager,
    projectId: string,
    batchId: string,
    lockMode?: LockMode,
  ): Promise<Batch> {
    // Lock first, without joins: FOR UPDATE cannot apply to the outer-joined creator.
    const batch = await em.findOne(Batch, { id: batchId, project: projectId }, lockMode ? { lockMode } : {});
    if (!batch) throw DomainError.notFound('Batch');
    await em.populate(batch, ['product', 'plan', 'createdBy']);
    return batch;
  }
}
