import type { EntityManager } from '@mikro-orm/postgresql';
import { checkTyped, normalizeCode, type CodeFormat } from '@admit/codes';
import type { RefusalCode } from '@admit/shared';
import { RefusalError, refusal } from './redemptions.errors.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { CodeStateRow, RedemptionsRepository } from './redemptions.repository.js';

/** `reason` of a code that exists, or null when it can be redeemed now (by this learner). */
export function refusalOf(state: CodeStateRow): RefusalCode | null {
  if (state.held_by_learner) return 'already_redeemed_by_learner';
  if (!state.active) return 'code_inactive';
  if (state.not_yet_valid) return 'code_not_yet_valid';
  if (state.expired) return 'code_expired';
  if (state.used_up) return state.usage_type === 'single' ? 'code_already_redeemed' : 'code_exhausted';
  return null;
}

/** The project of an activation link; an unknown one answers like an unknown code, so slugs cannot be probed either. */
export async function activationPageProject(
  projects: ProjectsService,
  slug: string,
): Promise<{ id: string; name: string }> {
  const project = await projects.findBySlug(slug);
  if (!project) throw refusal('code_not_found');
  return project;
}

/** The normalised code, or `code_mistyped` when nothing is left of the input. */
export function typedCode(input: string): string {
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
export async function unknownCode(
  repo: RedemptionsRepository,
  em: EntityManager,
  projectId: string,
  input: string,
): Promise<RefusalError> {
  const formats = await repo.codeFormats(em, projectId);
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
