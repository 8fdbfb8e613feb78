import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export const REDEMPTION_CHANNELS = ['api', 'activation_page', 'console'] as const;
export type RedemptionChannel = (typeof REDEMPTION_CHANNELS)[number];

/**
 * A learner's use of a code. A learner holds at most one live (unrevoked) redemption per code:
 * the partial unique index enforces it in the database, whatever the concurrency.
 */
/** A redemption's email, external id and name as one text, the key of the trigram index. */
/**
 * A redeemer as the CSV export's "Redeemed By" names them (name, else email, else external id,
 * then the email in angle brackets), from a `redemptions` row aliased `r`. The claim keeps these
 * texts, joined with '; ' oldest first, on the code (`access_codes.redeemed_by`), so the export
 * reads no redemption.
 */
export function redeemedBySql(r: string): string {
  return `(coalesce(${r}.learner_name, ${r}.learner_email, ${r}.learner_external_id) || coalesce(' <' || ${r}.learner_email || '>', ''))`;
}

export const REDEEMER_TEXT = `coalesce(learner_email, '') || ' ' || learner_external_id || ' ' || coalesce(learner_name, '')`;

@Entity({ tableName: 'redemptions' })
@Index({
  name: 'redemptions_learner_live_unique',
  expression:
    'create unique index "redemptions_learner_live_unique" on "redemptions" ("code_id", "learner_external_id") where "revoked_at" is null',
})
// Case-insensitive substring search of redeemers (pg_trgm): the codes list and the redemption log.
@Index({
  name: 'redemptions_redeemer_trgm_index',
  expression: `create index "redemptions_redeemer_trgm_index" on "redemptions" using gin ((${REDEEMER_TEXT}) gin_trgm_ops)`,
})
@Index({ properties: ['projectId', 'redeemedAt', 'id'] })
@Index({ properties: ['codeId', 'redeemedAt'] })
@Index({ properties: ['projectId', 'learnerEmail'] })
@Index({ properties: ['projectId', 'learnerExternalId'] })
export class Redemption {
  [OptionalProps]?:
    | 'id'
    | 'redeemedAt'
    | 'revokedAt'
    | 'revokedById'
    | 'revokeReason'
    | 'apiKeyId'
    | 'apiKeyName'
    | 'actorUserId'
    | 'ip'
    | 'userAgent'
    | 'learnerEmail'
    | 'learnerName'
    | 'accessUntil';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @Property({ type: 'uuid' }) projectId!: string;
  @Property({ type: 'uuid' }) codeId!: string;
  @Property({ type: 'uuid' }) batchId!: string;
  @Property({ type: 'uuid' }) productId!: string;
  @Property({ type: 'uuid' }) planId!: string;
  @Property({ length: 200 }) learnerExternalId!: string;
  @Property({ length: 320, nullable: true }) learnerEmail?: string | null;
  @Property({ length: 200, nullable: true }) learnerName?: string | null;
  @Enum({ items: () => [...REDEMPTION_CHANNELS] }) channel!: RedemptionChannel;
  @Property({ type: 'uuid', nullable: true }) apiKeyId?: string | null;
  @Property({ length: 100, nullable: true }) apiKeyName?: string | null;
  @Property({ type: 'uuid', nullable: true }) actorUserId?: string | null;
  @Property({ length: 64, nullable: true }) ip?: string | null;
  @Property({ length: 500, nullable: true }) userAgent?: string | null;
  @Property({ type: 'datetime', nullable: true }) accessUntil?: Date | null;
  @Property({ type: 'datetime', defaultRaw: 'now()' }) redeemedAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) revokedAt?: Date | null;
  @Property({ type: 'uuid', nullable: true }) revokedById?: string | null;
  @Property({ length: 500, nullable: true }) revokeReason?: string | null;
}
