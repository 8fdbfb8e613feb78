import {
  assessKeyspace,
  CodeFormatError,
  createCodeGenerator,
  customNameCode,
  formatForDisplay,
  resolveFormat,
  type CodeFormat,
} from '@admit/codes';

/** A format as the console's forms hold it. */
export interface FormatChoice {
  kind: 'random' | 'prefixed' | 'custom';
  length: number;
  groupSize: number;
  checkChar: boolean;
  prefix?: string;
}

export type Preview =
  { ok: true; display: string; format: CodeFormat } | { ok: false; field: string; message: string };

/** Sentences for a format the code library refuses, by the field it names. */
const FORMAT_PROBLEMS: Record<string, string> = {
  prefix: 'Use 1 to 16 letters or digits for the prefix.',
  length: 'Use 6 to 32 characters.',
  groupSize: 'Use groups of 0 (none) to 8 characters.',
  checkChar: 'A Custom Name code has no check character.',
  kind: 'Choose a format.',
};

function resolved(choice: FormatChoice): CodeFormat {
  const prefix = choice.prefix?.trim();
  if (choice.kind === 'custom') return resolveFormat({ kind: 'custom', ...(prefix ? { prefix } : {}) });
  return resolveFormat({
    kind: choice.kind,
    length: choice.length,
    groupSize: choice.groupSize,
    checkChar: choice.checkChar,
    ...(choice.kind === 'prefixed' && prefix ? { prefix } : {}),
  });
}

/**
 * One code of the chosen format, made here with the same library the server uses (the server
 * makes the real ones). A format the library refuses answers the field and a sentence instead.
 */
export function previewCode(choice: FormatChoice, sequence = 1): Preview {
  try {
    const format = resolved(choice);
    if (choice.length < 6 || choice.length > 32) throw new CodeFormatError('length', 'length');
    if (choice.groupSize < 0 || choice.groupSize > 8) throw new CodeFormatError('groupSize', 'groupSize');
    const code =
      format.kind === 'custom'
        ? customNameCode(format.prefix ?? '', sequence)
        : createCodeGenerator(format).next();
    return { ok: true, display: formatForDisplay(code, format), format };
  } catch (err) {
    if (err instanceof CodeFormatError) {
      const message =
        err.field === 'prefix' && !choice.prefix?.trim()
          ? choice.kind === 'custom'
            ? 'Enter the Custom Name, e.g. MATHS.'
            : 'Enter a prefix, e.g. MATHS.'
          : (FORMAT_PROBLEMS[err.field] ?? 'Check the format.');
      return { ok: false, field: err.field, message };
    }
    throw err;
  }
}

export interface GuardVerdict {
  ok: boolean;
  /** The entropy guard's sentence: the refusal the server would give, or how much room is left. */
  message: string;
  guessable: boolean;
}

/**
 * The server's entropy guard (`assessKeyspace`), run live: would `requested` more codes of this
 * format, beside `existing` codes, be refused as too easy to guess?
 */
export function guardVerdict(format: CodeFormat, existing: number, requested: number): GuardVerdict {
  const guard = assessKeyspace(format, existing, requested);
  if (guard.guessable) {
    return { ok: true, guessable: true, message: guard.warning ?? 'Custom Name codes can be guessed.' };
  }
  if (!guard.ok) return { ok: false, guessable: false, message: guard.reason ?? 'Codes too short.' };
  const bits = Math.round(guard.keyspaceBits);
  return {
    ok: true,
    guessable: false,
    message:
      `Hard to guess: ${bits} bits per code. ${requested.toLocaleString('en-US')} more codes are fine; ` +
      `this format allows ${guard.remainingCount.toLocaleString('en-US')} more in this project.`,
  };
}
