import { DomainEvent } from '../../../common/events/domain-event.js';

export class CodeDeactivated extends DomainEvent {
  static readonly eventName = 'code.deactivated';
  readonly eventName = CodeDeactivated.eventName;

  constructor(
    readonly projectId: string,
    readonly codeIds: string[],
    readonly actorUserId: string,
    readonly batchId: string | null = null,
  ) {
    super();
  }
}
