import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

import { ACTOR_TYPES, type ActorType, CODE_EVENT_TYPES, type CodeEventType } from './access-code.types.js';

export { ACTOR_TYPES, type ActorType, CODE_EVENT_TYPES, type CodeEventType };

/**
 * The audit trail of a code, written in the same transaction as the change it records.
 * "Created" is not stored per code: it is the batch (who, when), so a million-code batch
 * writes no million audit rows.
 */
@Entity({ tableName: 'code_events' })
@Index({ properties: ['codeId', 'createdAt'] })
export class CodeEvent {
  [OptionalProps]?: 'id' | 'createdAt' | 'data' | 'actorId' | 'actorName' | 'batchId';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) projectId!: string;
  @Property({ type: 'uuid' }) codeId!: string;
  @Property({ type: 'uuid', nullable: true }) batchId?: string | null;
  @Enum({ items: () => [...CODE_EVENT_TYPES] }) type!: CodeEventType;
  @Enum({ items: () => [...ACTOR_TYPES] }) actorType!: ActorType;
  @Property({ type: 'uuid', nullable: true }) actorId?: string | null;
  @Property({ length: 320, nullable: true }) actorName?: string | null;
  @Property({ type: 'json', nullable: true }) data?: Record<string, unknown> | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) createdAt: Date = new Date();
}
