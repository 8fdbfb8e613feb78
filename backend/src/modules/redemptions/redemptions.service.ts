import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { checkTyped, formatForDisplay, normalizeCode, type CodeFormat } from '@admit/codes';
import type { RefusalCode } from '@admit/shared';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { Readable } from 'node:stream';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { PG_READ_POOL } from '../../common/database/pg-pool.module.js';
import { readRunner } from '../../common/database/read-query.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../common/http/keyset-cursor.js';
import { type TransactionScope, UnitOfWork } from '../../common/events/event-publisher.js';
import { type IdempotentResult, IdempotencyService } from '../../common/idempotency/idempotency.service.js';
import { CodeUsesService } from '../access-codes/code-uses.service.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { BruteForceDefence, type Caller } from './brute-force-defence.js';
import {
  type CodeValidationDto,
  type CodeWithRedemptionsDto,
  type PublicCodeDto,
  type RedemptionListDto,
  type RedemptionResponseDto,
  type ServiceCodeDto,
  toRedemptionDto,
  toRedemptionLogItemDto,
} from './dto/redemption.dto.js';
import { CodeRedeemed } from './events/code-redeemed.event.js';
import { RedemptionRevoked } from './events/redemption-revoked.event.js';
import type { RedemptionChannel } from './redemption.entity.js';
import { RefusalError, refusal, refusalWithDetail } from './redemptions.errors.js';
import { RedemptionPool } from './redemption-pool.js';
import { countRedemption } from './redemption-metrics.js';
import { Metrics } from '../../common/metrics/metrics.js';
import {
  type ClaimedRow,
  type ClaimRunner,
  type CodeStateRow,
  emClaimRunner,
  type EmptyClaim,
  preparedOn,
  type RedemptionCursor,
  type RedemptionFilter,
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

export interface RedemptionLogQuery {
  q?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

const DEFAULT_PAGE = 50;
const EXPORT_PAGE = 1000;
const CODE_REDEMPTIONS_SHOWN = 100;

/** `reason` of a code that exists, or null when it can be redeemed now (by this learner). */
function refusalOf(state: CodeStateRow): RefusalCode | null {
  if (state.held_by_learner) return 'already_redeemed_by_learner';
  if (!state.active) return 'code_inactive';
  if (state.not_yet_valid) return 'code_not_yet_valid';
  if (state.expired) return 'code_expired';
  if (state.used_up) return state.usage_type === 'single' ? 'code_already_redeemed' : 'code_exhausted';
  return null;
}

function displayOf(
  state: Pick<CodeStateRow, 'code' | 'format' | 'custom_name' | 'sequence_no' | 'display_text'>,
): string {
  if (state.display_text) return state.display_text;
  if (state.format?.kind === 'custom') {
    return state.custom_name && state.sequence_no ? `${state.custom_name}${state.sequence_no}` : state.code;
  }
  try {
    return formatForDisplay(state.code, state.format as Partial<CodeFormat>);
  } catch {
    return state.code;
  }
}

// Redemption times are stored cut to milliseconds (see the repository), so ISO strings hold them exactly.
function encodeCursor(row: RedemptionRow): string {
  return encodeKeysetCursor(row.redeemed_at.toISOString(), row.id);
}

function decodeCursor(cursor: string): RedemptionCursor {
  const { at, id } = decodeKeysetCursor(cursor);
  return { redeemedAt: new Date(at), id };
}

/**
 * A cell a spreadsheet will not run: values starting with = + - @ tab or CR get a leading
 * apostrophe (OWASP's CSV injection advice), then the cell is quoted when it needs to be.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Seconds, UTC, like the codes export ("Created Date"): a spreadsheet reads it as one value. */
const csvTime = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 19)}Z` : null);

/** The same header style as the codes export: Title Case words, the code as people read it. */
const CSV_COLUMNS = [
  'Redeemed At',
  'Code',
  'Product',
  'Plan',
  'Learner Id',
  'Learner Email',
  'Learner Name',
  'Channel',
  'API Key',
  'IP',
  'User Agent',
  'Access Until',
  'Revoked At',
  'Revoke Reason',
  'Redemption Id',
];

function csvLine(row: RedemptionRow): string {
  return `${[
    csvTime(row.redeemed_at),
    row.display ?? row.code,
    row.product_name,
    row.plan_name,
    row.learner_external_id,
    row.learner_email,
    row.learner_name,
    row.channel,
    row.api_key_name,
    row.ip,
    row.user_agent,
    csvTime(row.access_until),
    csvTime(row.revoked_at),
    row.revoke_reason,
    row.id,
  ]
    .map(csvCell)
    .join(',')}\r\n`;
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
 * Redemption use cases: redeem and validate for services and for the public activation page,
 * read a code, the redemption log with its export, and revoke. Each write is one transaction
 * (the claim, the audit row and the webhook outbox row); events are published after commit.
 */
@Injectable()
export class RedemptionsService {
  /** The log's reads: the read pool (statement timeout, own connections). */
  @Inject(PG_READ_POOL) private readonly readPool!: pg.Pool;
  @Inject(Metrics) private readonly metrics!: Metrics;

  constructor(
    private readonly em: EntityManager,
    private readonly repo: RedemptionsRepository,
    private readonly uow: UnitOfWork,
    private readonly idempotency: IdempotencyService,
    private readonly webhooks: WebhooksService,
    private readonly defence: BruteForceDefence,
    private readonly claimPool: RedemptionPool,
    private readonly codeUses: CodeUsesService,
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
        const code = this.typed(request.code);
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
        const project = await this.projectBySlug(projectSlug);
        const code = this.typed(request.code);
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

  /** POST /redemptions/validate: the same checks as a redemption, without redeeming. */
  async validateForService(
    projectId: string,
    request: { code: string; learner?: LearnerInput },
    caller: Caller,
  ): Promise<CodeValidationDto> {
    await this.defence.assertAllowed(caller);
    try {
      const code = this.typed(request.code);
      const em = this.em.fork();
      const state = await this.repo.state(em, projectId, code, request.learner?.externalId ?? null);
      if (!state) throw await this.unknownCode(em, projectId, request.code);
      const product = { id: state.product_id, name: state.product_name ?? '' };
      const plan = { id: state.plan_id, name: state.plan_name ?? '', accessDays: state.access_days };
      const reason = refusalOf(state);
      if (!reason) return { valid: true, product, plan };
      this.metrics.validationRefusals.inc({ code: reason });
      const error = refusal(reason);
      return { valid: false, reason, message: error.message, product, plan };
    } catch (err) {
      if (!(err instanceof RefusalError)) throw err;
      this.metrics.validationRefusals.inc({ code: err.reason });
      await this.defence.recordIfGuess(caller, err);
      // No such code in the key's project (another project's codes included) answers 404, as
      // redeem and read do; a code that exists but cannot be redeemed is a 200 with its reason.
      if (err.reason === 'code_not_found') throw err;
      return { valid: false, reason: err.reason, message: err.message };
    }
  }

  /** GET /public/:slug/codes/:code: what the activation page shows before the learner redeems. */
  async describeForActivationPage(
    projectSlug: string,
    input: string,
    caller: Caller,
  ): Promise<PublicCodeDto> {
    return this.defence.guard(caller, async () => {
      const project = await this.projectBySlug(projectSlug);
      const code = this.typed(input);
      const em = this.em.fork();
      const state = await this.repo.state(em, project.id, code, null);
      if (!state) throw await this.unknownCode(em, project.id, input);
      const reason = refusalOf(state);
      if (reason) throw refusalWithDetail(reason, state);
      return {
        code: state.code,
        display: displayOf(state),
        projectName: project.name,
        productName: state.product_name ?? '',
        planName: state.plan_name ?? '',
        accessDays: state.access_days,
      };
    });
  }

  /** GET /codes/:code: a service reads one of its project's codes and its redemptions. */
  async lookUpCode(projectId: string, input: string, caller: Caller): Promise<CodeWithRedemptionsDto> {
    return this.defence.guard(caller, async () => {
      const code = this.typed(input);
      const em = this.em.fork();
      const state = await this.repo.state(em, projectId, code, null);
      if (!state) throw await this.unknownCode(em, projectId, input);
      const rows = await this.repo.forCode(em, state.id, CODE_REDEMPTIONS_SHOWN);
      return { code: this.toServiceCode(state, rows), redemptions: rows.map(toRedemptionDto) };
    });
  }

  /** GET /projects/:projectId/redemptions: one page of the log, newest first. */
  async list(projectId: string, query: RedemptionLogQuery, signal?: AbortSignal): Promise<RedemptionListDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const filter = this.filterOf(projectId, query);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.repo.page(readRunner(this.readPool, signal), filter, limit + 1, after);
    const page = rows.slice(0, limit);
    return {
      items: page.map(toRedemptionLogItemDto),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /**
   * GET /projects/:projectId/redemptions/export.csv: every matching row, streamed page by page
   * (keyset, 1,000 rows a query), so memory stays flat however long the log is.
   */
  async exportCsv(projectId: string, query: Omit<RedemptionLogQuery, 'limit' | 'cursor'>): Promise<Readable> {
    const filter = this.filterOf(projectId, query);
    const repo = this.repo;
    const run = readRunner(this.readPool);
    async function* lines(): AsyncGenerator<string> {
      yield `${CSV_COLUMNS.join(',')}\r\n`;
      let after: RedemptionCursor | undefined;
      for (;;) {
        const rows = await repo.page(run, filter, EXPORT_PAGE, after);
        if (rows.length) yield rows.map(csvLine).join('');
        if (rows.length < EXPORT_PAGE) return;
        const last = rows[rows.length - 1];
        after = { redeemedAt: last.redeemed_at, id: last.id };
      }
    }
    return Readable.from(lines());
  }

  /** POST /projects/:projectId/redemptions/:id/revoke: frees the code's use and records who and why. */
  async revoke(
    projectId: string,
    redemptionId: string,
    user: UserPrincipal,
    reason: string,
  ): Promise<RedemptionResponseDto> {
    const row = await this.uow.run(async (scope) => {
      const revoked = await this.repo.revoke(scope.em, {
        projectId,
        redemptionId,
        userId: user.userId,
        reason: reason.trim(),
      });
      if (!revoked) {
        if (await this.repo.exists(scope.em, projectId, redemptionId))
          throw DomainError.conflict('redemptionId', 'This redemption has already been revoked');
        throw DomainError.notFound('Redemption');
      }
      const dto = toRedemptionDto(revoked);
      await this.codeUses.release(scope.em, {
        projectId,
        codeId: revoked.code_id,
        batchId: revoked.batch_id,
        actor: { userId: user.userId, name: user.name || user.email },
        data: {
          redemptionId: revoked.id,
          learnerExternalId: revoked.learner_external_id,
          learnerEmail: revoked.learner_email,
          reason: revoked.revoke_reason,
        },
      });
      await this.webhooks.enqueueEvent(scope, projectId, 'redemption.revoked', { redemption: dto });
      scope.publish(
        new RedemptionRevoked({
          redemptionId: revoked.id,
          projectId,
          codeId: revoked.code_id,
          code: revoked.code,
          batchId: revoked.batch_id,
          learnerExternalId: revoked.learner_external_id,
          revokedById: user.userId,
          reason: revoked.revoke_reason ?? '',
          revokedAt: dto.revokedAt ?? new Date().toISOString(),
        }),
      );
      return revoked;
    });
    return { redemption: toRedemptionDto(row) };
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
    if (!state) return this.unknownCode(em, projectId, typedInput);
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

  /** The normalised code, or `code_mistyped` when nothing is left of the input. */
  private typed(input: string): string {
    const code = normalizeCode(input);
    if (!code) throw refusal('code_mistyped', 'Please type your code.');
    return code;
  }

  /**
   * Why nothing matched: `code_mistyped` when the input fits none of the project's formats and a
   * format with a check character refuses it for a typo the check catches (or for its length or
   * characters), otherwise `code_not_found`. Decided from the input and the project's formats
   * only, never from which codes exist.
   */
  private async unknownCode(em: EntityManager, projectId: string, input: string): Promise<RefusalError> {
    const formats = await this.repo.codeFormats(em, projectId);
    let mistyped: { message: string; detail: string } | null = null;
    for (const format of formats) {
      let result: ReturnType<typeof checkTyped>;
      try {
        result = checkTyped(input, format as Partial<CodeFormat>);
      } catch {
        continue; // a stored format the library no longer accepts tells nothing
      }
      if (result.ok) return refusal('code_not_found');
      if (format.checkChar && ['check_char', 'length', 'character'].includes(result.detail)) {
        if (!mistyped || result.detail === 'check_char') mistyped = result;
      }
    }
    return mistyped ? refusal('code_mistyped', mistyped.message) : refusal('code_not_found');
  }

  private async projectBySlug(slug: string): Promise<{ id: string; name: string }> {
    const rows = await this.em
      .fork()
      .execute<{ id: string; name: string }[]>('select id, name from projects where slug = ?', [slug]);
    // An unknown project answers like an unknown code, so slugs cannot be probed either.
    if (!rows[0]) throw refusal('code_not_found');
    return rows[0];
  }

  private filterOf(projectId: string, query: { q?: string; from?: string; to?: string }): RedemptionFilter {
    const filter: RedemptionFilter = {
      projectId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    const q = query.q?.trim();
    if (q) filter.search = { text: q, code: normalizeCode(q) || undefined };
    return filter;
  }

  private toServiceCode(state: CodeStateRow, rows: RedemptionRow[]): ServiceCodeDto {
    const status =
      state.redemption_count === 0
        ? 'unused'
        : state.used_up && state.usage_type === 'multiple'
          ? 'exhausted'
          : 'used';
    return {
      id: state.id,
      code: state.code,
      display: displayOf(state),
      productId: state.product_id,
      planId: state.plan_id,
      batchId: state.batch_id,
      product: { id: state.product_id, name: state.product_name ?? '' },
      plan: { id: state.plan_id, name: state.plan_name ?? '', accessDays: state.access_days },
      usageType: state.usage_type,
      maxRedemptions: state.max_redemptions,
      redemptionCount: state.redemption_count,
      validFrom: state.valid_from?.toISOString() ?? null,
      validTill: state.valid_till?.toISOString() ?? null,
      active: state.active,
      status,
      expired: state.expired,
      redeemedBy: rows
        .filter((r) => !r.revoked_at)
        .map((r) => ({
          name: r.learner_name,
          email: r.learner_email,
          externalId: r.learner_external_id,
          redeemedAt: r.redeemed_at.toISOString(),
        })),
      createdAt: state.created_at.toISOString(),
    };
  }
}
