import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { type TransactionScope, UnitOfWork } from '../../common/events/event-publisher.js';
import { type IdempotentResult, IdempotencyService } from '../../common/idempotency/idempotency.service.js';
import { Metrics } from '../../common/metrics/metrics.js';
import { ProjectsService } from '../projects/projects.service.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { BruteForceDefence, type Caller } from './brute-force-defence.js';
import { activationPageProject, refusalOf, typedCode, unknownCode } from './code-state.js';
import { type RedemptionResponseDto, toRedemptionDto } from './dto/redemption.dto.js';
import { CodeRedeemed } from './events/code-redeemed.event.js';
import type { RedemptionChannel } from './redemption.entity.js';
import { RefusalError, refusal, refusalWithDetail } from './redemptions.errors.js';
import { RedemptionPool } from './redemption-pool.js';
import { countRedemption } from './redemption-metrics.js';
import {
  type ClaimedRow,
  type ClaimRunner,
  emClaimRunner,
  type EmptyClaim,
  preparedOn,
  type RedemptionRow,
  RedemptionsRepository,
} from './redemptions.repository.js';

export interface LearnerInput {
  externalId: string;
  email?: string | null;
  name?: string | null;
}

/** Through what a redemption came in, for the log. */
export interface RedemptionSource {
  channel: RedemptionChannel;
  apiKey?: { id: string; name: string };
  ip: string;
  userAgent?: string | null;
}

/** One redemption request: the project, the normalised code and what was typed, who and through what. */
interface Attempt {
  projectId: string;
  code: string;
  typedInput: string;
  learner: LearnerInput;
  source: RedemptionSource;
}

/** A unique index refused the statement: through the ORM (its exception) or on a raw pg client (SQLSTATE). */
function isUniqueViolation(err: unknown): boolean {
  return err instanceof UniqueConstraintViolationException || (err as { code?: unknown })?.code === '23505';
}

function cleanEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

function cleanText(text: string | null | undefined, max: number): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

/**
 * Redeeming: for services and on the public activation page (revoking is RevocationsService, the
 * log RedemptionLogService, reading a code CodeLookupService). Each redemption is one claim, with
 * its audit row and webhook outbox row in the same statement or transaction; events are published
 * after commit.
 */
@Injectable()
export class RedemptionsService {
  @Inject(Metrics) private readonly metrics!: Metrics;

  constructor(
    private readonly em: EntityManager,
    private readonly repo: RedemptionsRepository,
    private readonly uow: UnitOfWork,
    private readonly idempotency: IdempotencyService,
    private readonly webhooks: WebhooksService,
    private readonly defence: BruteForceDefence,
    private readonly claimPool: RedemptionPool,
    private readonly projects: ProjectsService,
  ) {}

  /** Projects whose last claim saw a `code.redeemed` webhook (see `redeem`); a hint, never trusted. */
  private readonly projectsWithWebhooks = new Set<string>();

  /** POST /redemptions: a service redeems a code for one of its learners. */
  async redeemForService(
    projectId: string,
    request: { code: string; learner: LearnerInput },
    source: RedemptionSource,
    caller: Caller,
    idempotencyKey?: string,
  ): Promise<IdempotentResult<RedemptionResponseDto>> {
    return this.defence.guard(caller, () =>
      countRedemption(this.metrics, source.channel, async () => {
        const code = typedCode(request.code);
        if (idempotencyKey === undefined) {
          const row = await this.redeem({
            projectId,
            code,
            typedInput: request.code,
            learner: request.learner,
            source,
          });
          return { status: 201, body: { redemption: toRedemptionDto(row) }, replayed: false };
        }
        return this.idempotency.execute(
          { projectId, scope: 'redemption', key: idempotencyKey, request },
          async (scope) => {
            const row = await this.redeemIn(scope, {
              projectId,
              code,
              typedInput: request.code,
              learner: request.learner,
              source,
            });
            return { status: 201, body: { redemption: toRedemptionDto(row) } };
          },
        );
      }),
    );
  }

  /** POST /public/:slug/redemptions: a learner redeems on the activation page. */
  async redeemOnActivationPage(
    projectSlug: string,
    request: { code: string; name: string; email: string },
    source: Omit<RedemptionSource, 'channel' | 'apiKey'>,
    caller: Caller,
  ): Promise<RedemptionResponseDto> {
    return this.defence.guard(caller, () =>
      countRedemption(this.metrics, 'activation_page', async () => {
        const project = await activationPageProject(this.projects, projectSlug);
        const code = typedCode(request.code);
        const email = cleanEmail(request.email) ?? '';
        const learner = { externalId: email, email, name: request.name };
        try {
          const row = await this.redeem({
            projectId: project.id,
            code,
            typedInput: request.code,
            learner,
            source: { ...source, channel: 'activation_page' },
          });
          return { redemption: toRedemptionDto(row) };
        } catch (err) {
          // The learner's own earlier activation (re-opening the email link): tell them when.
          if (err instanceof RefusalError && err.reason === 'already_redeemed_by_learner' && !err.extra) {
            const state = await this.repo.state(this.em.fork(), project.id, code, email);
            if (state?.held_since) throw refusalWithDetail(err.reason, state);
          }
          throw err;
        }
      }),
    );
  }

  /**
   * A redemption without an Idempotency-Key. Where no webhook listens (the common case) it is the
   * claim alone: one prepared statement, no transaction around it. Where one listens, the
   * redemption and its webhook's outbox row must commit together, so it runs in a transaction
   * (`redeemIn`). Which project has listeners is remembered from the last claim only to pick the
   * cheaper first try: the claim outside a transaction refuses to run when a webhook listens, so a
   * stale guess costs a round trip, never a lost webhook.
   */
  private async redeem(attempt: Attempt): Promise<RedemptionRow> {
    if (!this.projectsWithWebhooks.has(attempt.projectId)) {
      const claimed = await this.claim(preparedOn(this.claimPool.pool), attempt, false);
      if (claimed.id !== null) {
        await this.uow.publishAll([this.redeemed(attempt.projectId, claimed)]);
        return claimed;
      }
      if (!claimed.webhooks_subscribed) throw await this.whyNotClaimed(this.em.fork(), attempt);
    }
    return this.uow.run((scope) => this.redeemIn(scope, attempt));
  }

  /**
   * The claim, the audit row and the webhook outbox row, in the caller's transaction. A refused
   * claim reads the code once to say why.
   */
  private async redeemIn(scope: TransactionScope, attempt: Attempt): Promise<RedemptionRow> {
    const { em } = scope;
    const { projectId } = attempt;
    const row = await this.claim(emClaimRunner(em), attempt, true);
    if (row.id === null) throw await this.whyNotClaimed(em, attempt);
    if (row.webhooks_subscribed) {
      const dto = toRedemptionDto(row);
      this.webhooks.enqueueForSubscribers(scope, projectId, 'code.redeemed', { redemption: dto });
    }
    scope.publish(this.redeemed(projectId, row));
    return row;
  }

  private async claim(
    run: ClaimRunner,
    { projectId, code, learner, source }: Attempt,
    withOutbox: boolean,
  ): Promise<ClaimedRow | EmptyClaim> {
    const learnerEmail = cleanEmail(learner.email);
    let row: ClaimedRow | EmptyClaim;
    try {
      row = await this.repo.claim(
        run,
        {
          id: randomUUID(),
          projectId,
          code,
          learnerExternalId: learner.externalId,
          learnerEmail,
          learnerName: cleanText(learner.name, 200),
          channel: source.channel,
          apiKeyId: source.apiKey?.id ?? null,
          apiKeyName: source.apiKey?.name ?? null,
          actorUserId: null,
          ip: cleanText(source.ip, 64),
          userAgent: cleanText(source.userAgent, 500),
          actorType: source.channel === 'api' ? 'api_key' : 'learner',
          actorId: source.apiKey?.id ?? null,
          actorName: source.apiKey?.name ?? (learnerEmail || learner.externalId),
        },
        withOutbox,
      );
    } catch (err) {
      // The partial unique index (code, learner) where not revoked: this learner already holds the
      // code. The failed statement (or transaction) takes the counter increment with it.
      if (isUniqueViolation(err)) throw refusal('already_redeemed_by_learner');
      throw err;
    }
    if (row.webhooks_subscribed) this.projectsWithWebhooks.add(projectId);
    else this.projectsWithWebhooks.delete(projectId);
    return row;
  }

  /** Why a claim took nothing: the code is unknown, or its state refuses (read once). */
  private async whyNotClaimed(
    em: EntityManager,
    { projectId, code, typedInput, learner }: Attempt,
  ): Promise<RefusalError> {
    const state = await this.repo.state(em, projectId, code, learner.externalId);
    if (!state) return unknownCode(this.repo, em, projectId, typedInput);
    const reason = refusalOf(state);
    // Freed between the claim and this read (a revoke): it was used up when the claim ran.
    return refusalWithDetail(
      reason ?? (state.usage_type === 'single' ? 'code_already_redeemed' : 'code_exhausted'),
      state,
    );
  }

  private redeemed(projectId: string, row: RedemptionRow): CodeRedeemed {
    return new CodeRedeemed({
      redemptionId: row.id,
      projectId,
      codeId: row.code_id,
      code: row.code,
      batchId: row.batch_id,
      productId: row.product_id,
      planId: row.plan_id,
      learnerExternalId: row.learner_external_id,
      channel: row.channel,
      redeemedAt: row.redeemed_at.toISOString(),
    });
  }
}
