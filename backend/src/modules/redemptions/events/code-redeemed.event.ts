import { DomainEvent } from '../../../common/events/domain-event.js';
import type { RedemptionChannel } from '../redemption.entity.js';

export interface CodeRedeemedPayload {
  redemptionId: string;
  projectId: string;
  codeId: string;
  code: string;
  batchId: string;
  productId: string;
  planId: string;
  learnerExternalId: string;
  channel: RedemptionChannel;
  redeemedAt: string;
}

/** A learner got access with a code; published after the redemption committed. */
export class CodeRedeemed extends DomainEvent {
  static readonly eventName = 'code.redeemed';
  readonly eventName = CodeRedeemed.eventName;

  constructor(readonly payload: CodeRedeemedPayload) {
    super();
  }
}
