import { DomainEvent } from '../../../common/events/domain-event.js';

export class CodeUpdated extends DomainEvent {
  static readonly eventName = 'code.updated';
  readonly eventName = CodeUpdated.eventName;

  constructor(
    readonly projectId: string,
    readonly codeId: string,
    readonly changes: Record<string, { before: unknown; after: unknown }>,
    readonly actorUserId: string,
  ) {
    super();
  }
}
