import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { UnitOfWork } from '../../common/events/event-publisher.js';
import { CodeUsesService } from '../access-codes/code-uses.service.js';
import { WebhooksService } from '../webhooks/webhooks.service.js';
import { type RedemptionResponseDto, toRedemptionDto } from './dto/redemption.dto.js';
import { RedemptionRevoked } from './events/redemption-revoked.event.js';
import { RedemptionsRepository } from './redemptions.repository.js';

/**
 * Taking a redemption back: the `redemptions` row here, the code's use and its `revoked` audit
 * row through access-codes' CodeUsesService, and the `redemption.revoked` webhook's outbox row,
 * in one transaction; the event is published after commit.
 */
@Injectable()
export class RevocationsService {
  constructor(
    private readonly repo: RedemptionsRepository,
    private readonly uow: UnitOfWork,
    private readonly webhooks: WebhooksService,
    private readonly codeUses: CodeUsesService,
  ) {}

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
      // A direct call, not a webhooks listener of RedemptionRevoked: webhooks sits below this module
      // (the claim statement reads its subscribedSql), so it cannot import this module's events.
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
}
