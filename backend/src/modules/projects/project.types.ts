/** The projects module's public types and constants (see backend/.dependency-cruiser.cjs). */

export const DEFAULT_BULK_THRESHOLD = 150;
export const DEFAULT_MAX_BATCH_SIZE = 2000;
/**
 * The operator's ceiling on a project's batch cap: the most codes one batch may ever hold on this
 * server (bulk generation is measured to 10,000,000 in docs/benchmarks.md). Admins choose their
 * project's cap up to it.
 */
export const MAX_BATCH_SIZE_LIMIT = 10_000_000;

/** The formats a project may default to; Custom Name is chosen per batch, never by default (guessable). */
export const DEFAULT_FORMAT_KINDS = ['random', 'prefixed'] as const;
export type DefaultFormatKind = (typeof DEFAULT_FORMAT_KINDS)[number];

/** Defaults for new batches; validated against `@admit/codes` when set. */
export interface ProjectCodeFormat {
  /** Absent in rows written before kinds could be chosen: random. */
  kind?: DefaultFormatKind;
  length: number;
  groupSize: number;
  checkChar: boolean;
  /** Display form of the prefix, for kind `prefixed`. */
  prefix?: string;
}

export const DEFAULT_CODE_FORMAT: ProjectCodeFormat = {
  kind: 'random',
  length: 12,
  groupSize: 4,
  checkChar: false,
};
