import { CodeFormatError, resolveFormat } from '@admit/codes';
import { codeFormatFieldCode } from '../../common/errors/code-format-error.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { CodeFormatDto } from './dto/project.dto.js';
import type { ProjectCodeFormat } from './project.entity.js';

/**
 * A project's default format, checked by the code library as a batch would use it; a refusal
 * names the field (`settings.codeFormat.prefix`).
 */
export function projectCodeFormat(input: CodeFormatDto): ProjectCodeFormat {
  const kind = input.kind ?? 'random';
  try {
    const resolved = resolveFormat({
      kind,
      length: input.length,
      groupSize: input.groupSize,
      checkChar: input.checkChar,
      ...(kind === 'prefixed' && input.prefix ? { prefix: input.prefix } : {}),
    });
    return {
      kind,
      length: resolved.length,
      groupSize: resolved.groupSize,
      checkChar: resolved.checkChar,
      ...(resolved.prefix ? { prefix: resolved.prefix } : {}),
    };
  } catch (err) {
    if (err instanceof CodeFormatError) {
      const code = err.field === 'prefix' && !input.prefix ? 'required' : codeFormatFieldCode(err);
      throw DomainError.validation(`settings.codeFormat.${err.field}`, err.message, code);
    }
    throw err;
  }
}
