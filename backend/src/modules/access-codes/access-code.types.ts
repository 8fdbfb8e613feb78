/**
 * The access-codes module's public types, constants and read-only SQL fragments: what other
 * modules may import from it besides its services and DTOs (see backend/.dependency-cruiser.cjs).
 */

import { normalizeCode } from '@admit/codes';

/** The counter triggers, declared on the entities of the tables they watch (Batch among them). */
export { CODE_COUNTER_TRIGGERS } from './code-counter-triggers.js';

export const USAGE_TYPES = ['single', 'multiple'] as const;
export type UsageType = (typeof USAGE_TYPES)[number];

export const CODE_EVENT_TYPES = ['edited', 'deactivated', 'activated', 'redeemed', 'revoked'] as const;
export type CodeEventType = (typeof CODE_EVENT_TYPES)[number];
export const ACTOR_TYPES = ['user', 'api_key', 'learner', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const CODE_STATUSES = ['unused', 'used', 'exhausted'] as const;
export type CodeStatus = (typeof CODE_STATUSES)[number];

/**
 * The one code-status rule (the export's SQL says the same): unused until first redeemed; a
 * multiple-use code at its limit is exhausted, a redeemed single-use code is used.
 */
export function codeStatus(usageType: string, count: number, max: number | null): CodeStatus {
  if (count === 0) return 'unused';
  if (usageType === 'multiple' && max !== null && count >= max) return 'exhausted';
  return 'used';
}

/** What codeFields reads of a code row (the list's CodeRow, the redemptions' code state). */
export interface CodeFieldsRow {
  id: string;
  code: string;
  display: string;
  product_id: string;
  plan_id: string;
  batch_id: string;
  usage_type: UsageType;
  max_redemptions: number | null;
  redemption_count: number;
  valid_from: Date | string | null;
  valid_till: Date | string | null;
  active: boolean;
  created_at: Date | string;
}

/** A live redemption of a code, as a code's `redeemedBy` shows it. */
export interface RedeemerFieldsRow {
  learner_name: string | null;
  learner_email: string | null;
  learner_external_id: string;
  redeemed_at: Date | string;
}

/** The fields every API view of a code shares (the console's AccessCodeDto, the services' ServiceCodeDto). */
export interface CodeFields {
  id: string;
  code: string;
  display: string;
  productId: string;
  planId: string;
  batchId: string;
  usageType: UsageType;
  maxRedemptions: number | null;
  redemptionCount: number;
  validFrom: string | null;
  validTill: string | null;
  active: boolean;
  status: CodeStatus;
  expired: boolean;
  redeemedBy: { name: string | null; email: string | null; externalId: string; redeemedAt: string }[];
  createdAt: string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The one code → API mapping; each view adds its own few fields (names, product and plan, …). */
export function codeFields(row: CodeFieldsRow, redeemers: RedeemerFieldsRow[], expired: boolean): CodeFields {
  return {
    id: row.id,
    code: row.code,
    display: row.display,
    productId: row.product_id,
    planId: row.plan_id,
    batchId: row.batch_id,
    usageType: row.usage_type,
    maxRedemptions: row.max_redemptions,
    redemptionCount: row.redemption_count,
    validFrom: row.valid_from ? iso(row.valid_from) : null,
    validTill: row.valid_till ? iso(row.valid_till) : null,
    active: row.active,
    status: codeStatus(row.usage_type, row.redemption_count, row.max_redemptions),
    expired,
    redeemedBy: redeemers.map((r) => ({
      name: r.learner_name,
      email: r.learner_email,
      externalId: r.learner_external_id,
      redeemedAt: iso(r.redeemed_at),
    })),
    createdAt: iso(row.created_at),
  };
}

/** The code format a batch was generated with (kind and shape), kept for display and audit. */
export interface BatchFormat {
  kind: 'random' | 'custom' | 'prefixed';
  length: number;
  groupSize: number;
  checkChar: boolean;
  prefix?: string;
}

/**
 * A redemption's email, external id and name as one text: the key of the trigram index on
 * `redemptions` (declared on the Redemption entity) that both the codes list's search and the
 * redemption log's read.
 */
export const REDEEMER_TEXT = `coalesce(learner_email, '') || ' ' || learner_external_id || ' ' || coalesce(learner_name, '')`;

/**
 * How many redeemers `access_codes.redeemed_by` names at most: the oldest live ones. A code
 * without a use limit may be redeemed by thousands; appending each of them would make every
 * claim rewrite an ever longer text under the code's row lock (40 ms a claim at 100,000 uses)
 * and the export cell megabytes long. The export says how many more there are.
 */
export const REDEEMED_BY_NAMES = 20;

/**
 * A redeemer as the CSV export's "Redeemed By" names them (name, else email, else external id,
 * then the email in angle brackets), from a `redemptions` row aliased `r`. The claim keeps these
 * texts, joined with '; ' oldest first, on the code (`access_codes.redeemed_by`), up to
 * REDEEMED_BY_NAMES of them, so the export reads no redemption; a revoke rebuilds it from the
 * oldest live redemptions left.
 */
export function redeemedBySql(r: string): string {
  return redeemerLabelSql(`${r}.learner_name`, `${r}.learner_email`, `${r}.learner_external_id`);
}

/** The same "Redeemed By" text from any three SQL expressions (the claim's parameters). */
export function redeemerLabelSql(name: string, email: string, externalId: string): string {
  return `(coalesce(${name}, ${email}, ${externalId}) || coalesce(' <' || ${email} || '>', ''))`;
}

/**
 * A search text as a code prefix, normalised as redemption input is (case, separators, O/I/L),
 * or undefined when nothing of a code is left. The codes list and the redemption log use it.
 */
export function normaliseSearch(q: string | undefined): string | undefined {
  const n = q ? normalizeCode(q) : '';
  return n.length ? n : undefined;
}

/** Shorter texts have no trigram to look up: they search codes by prefix only. */
export const MIN_REDEEMER_SEARCH = 3;

/**
 * A code as people see it (as in the codes list: the admin's own text when they typed one, else
 * the grouped form of its batch's format) from a code row and a joined `batches` row, for other
 * modules' read statements that show codes the way the codes list does.
 */
export function displayCodeSql(code: string, batch: string): string {
  return `coalesce(${code}.display_text, admit_display_code(${code}.code, ${batch}.format->>'kind', ${batch}.format->>'prefix',
    (${batch}.format->>'length')::int, (${batch}.format->>'groupSize')::int,
    coalesce((${batch}.format->>'checkChar')::boolean, false), ${batch}.custom_name, ${code}.sequence_no))`;
}
