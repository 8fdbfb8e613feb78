import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from './alphabet.js';
import { checkTyped } from './check-typed.js';
import { formatForDisplay } from './display.js';
import { type CodeFormat } from './format.js';
import { createCodeGenerator } from './generator.js';

const CHECKED: Partial<CodeFormat> = { kind: 'prefixed', prefix: 'MATHS', checkChar: true, suffix: 'EU' };
/** What a person can type in one place of a normalised code: any digit or letter that survives normalisation. */
const TYPABLE = `${CROCKFORD_ALPHABET}U`;

describe('checkTyped', () => {
  it('accepts the display form typed in lower case with spaces and returns the stored code', () => {
    const [code] = createCodeGenerator(CHECKED).many(1);
    const typed = ` ${formatForDisplay(code, CHECKED).toLowerCase().replaceAll('-', ' ')} `;
    expect(checkTyped(typed, CHECKED)).toEqual({ ok: true, code });
  });

  it('accepts look-alikes typed for digits', () => {
    const code = createCodeGenerator({ checkChar: true }).next();
    const typed = code.replaceAll('0', 'o').replaceAll('1', 'l');
    expect(checkTyped(typed, { checkChar: true })).toEqual({ ok: true, code });
  });

  it('rejects every single substitution and every adjacent swap anywhere in a prefixed code with a check character', () => {
    for (const code of createCodeGenerator(CHECKED).many(100)) {
      for (let i = 0; i < code.length; i++) {
        for (const symbol of TYPABLE) {
          if (symbol === code[i]) continue;
          const wrong = code.slice(0, i) + symbol + code.slice(i + 1);
          if (checkTyped(wrong, CHECKED).ok) expect.fail(`${wrong} passed for ${code}`);
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          if (checkTyped(swapped, CHECKED).ok) expect.fail(`${swapped} passed for ${code}`);
        }
      }
    }
  });

  it('explains a typo caught by the check character in words a learner understands', () => {
    const code = createCodeGenerator({ checkChar: true }).next();
    const swapAt = [...code].findIndex((char, i) => char !== code[i + 1]);
    const swapped = code.slice(0, swapAt) + code[swapAt + 1] + code[swapAt] + code.slice(swapAt + 2);
    expect(checkTyped(swapped, { checkChar: true })).toMatchObject({
      ok: false,
      reason: 'code_mistyped',
      detail: 'check_char',
      message: expect.stringContaining('two characters next to each other are swapped'),
    });
  });

  it('names a character the codes never use, such as U', () => {
    const result = checkTyped('7K2Q-M3XA-9PTU', {});
    expect(result).toMatchObject({ ok: false, reason: 'code_mistyped', detail: 'character' });
    expect(!result.ok && result.message).toMatch(/“U” is not used in these codes.*except I, L, O and U/);
  });

  it('says whether a code is too short or too long', () => {
    expect(checkTyped('7K2Q-M3XA-9PT', {})).toMatchObject({
      ok: false,
      detail: 'length',
      message: expect.stringMatching(/too short: it should have 12 characters.*but 11 were typed/),
    });
    expect(checkTyped('7K2Q-M3XA-9PTRR', {})).toMatchObject({ ok: false, detail: 'length' });
  });

  it('says which prefix or suffix is expected', () => {
    expect(checkTyped('PHYS-7K2Q', CHECKED)).toMatchObject({
      ok: false,
      detail: 'prefix',
      message: expect.stringContaining('start with MATHS'),
    });
    expect(checkTyped('MATHS-7K2Q', CHECKED)).toMatchObject({
      ok: false,
      detail: 'suffix',
      message: expect.stringContaining('end with EU'),
    });
  });

  it('asks for a code when nothing but spaces was typed', () => {
    expect(checkTyped('  - ', {})).toMatchObject({ ok: false, detail: 'empty' });
  });

  it('accepts a Custom Name code and rejects one without its number', () => {
    const format = { kind: 'custom', prefix: 'Solo' } as const;
    expect(checkTyped('solo 12', format)).toEqual({ ok: true, code: 'S01012' });
    expect(checkTyped('SOLO', format)).toMatchObject({
      ok: false,
      detail: 'number',
      message: expect.stringContaining('SOLO followed by a number, like SOLO12'),
    });
    expect(checkTyped('SOLO012', format)).toMatchObject({ ok: false, detail: 'number' });
  });
});
