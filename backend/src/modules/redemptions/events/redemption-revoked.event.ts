import { DomainEvent } from '../../../common/events/domain-event.js';

export interface RedemptionRevokedPayload {
  redemptionId: string;
  projectId: string;
  codeId: string;
  code: string;
  batchId: string;
  learnerExternalId: string;
  revokedById: string;
  reason: string;
  revokedAt: string;
}

/** A support person took a redemption back and freed the code's use; published after commit. */
export class RedemptionRevoked extends DomainEvent {
  static readonly eventName = 'redemption.revoked';
  readonly eventName = RedemptionRevoked.eventName;

  constructor(readonly payload: RedemptionRevokedPayload) {
    super();
  }
}
