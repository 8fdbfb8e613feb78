import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from './alphabet.js';
import {
  CodeFormatError,
  DEFAULT_CODE_FORMAT,
  resolveFormat,
  storedLength,
  storedPrefix,
  type CodeFormat,
  type CodeFormatField,
} from './format.js';

function fieldOf(partial: unknown): CodeFormatField | undefined {
  try {
    resolveFormat(partial as Partial<CodeFormat>);
  } catch (error) {
    if (error instanceof CodeFormatError) return error.field;
    throw error;
  }
  return undefined;
}

describe('resolveFormat', () => {
  it('defaults to 12 random Crockford symbols shown in groups of 4 without a check character', () => {
    expect(resolveFormat()).toEqual(DEFAULT_CODE_FORMAT);
    expect(DEFAULT_CODE_FORMAT).toEqual({
      kind: 'random',
      length: 12,
      alphabet: CROCKFORD_ALPHABET,
      groupSize: 4,
      checkChar: false,
    });
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('treats undefined fields as absent and returns a frozen format that resolves to itself', () => {
    const format = resolveFormat({ length: undefined, groupSize: 0 });
    expect(format.length).toBe(12);
    expect(Object.isFrozen(format)).toBe(true);
    expect(resolveFormat(format)).toBe(format);
  });

  it('keeps the prefix in display form and stores it normalised', () => {
    const format = resolveFormat({ kind: 'prefixed', prefix: ' so-lo ' });
    expect(format.prefix).toBe('SOLO');
    expect(storedPrefix(format)).toBe('S010');
    expect(
      storedLength(resolveFormat({ kind: 'prefixed', prefix: 'MATHS', checkChar: true, suffix: 'X' })),
    ).toBe(19);
  });

  it.each([
    [{ kind: 'sequential' }, 'kind'],
    [{ length: 3 }, 'length'],
    [{ length: 65 }, 'length'],
    [{ length: 12.5 }, 'length'],
    [{ length: '12' }, 'length'],
    [{ alphabet: 'A' }, 'alphabet'],
    [{ alphabet: 'AAB' }, 'alphabet'],
    [{ alphabet: 'abc' }, 'alphabet'],
    [{ alphabet: '01O' }, 'alphabet'],
    [{ alphabet: 'AB=' }, 'alphabet'],
    [{ groupSize: -1 }, 'groupSize'],
    [{ groupSize: 17 }, 'groupSize'],
    [{ kind: 'prefixed' }, 'prefix'],
    [{ kind: 'custom' }, 'prefix'],
    [{ prefix: 'MATHS' }, 'prefix'],
    [{ kind: 'prefixed', prefix: 'MATHS+' }, 'prefix'],
    [{ kind: 'prefixed', prefix: 'ÄRZTE' }, 'prefix'],
    [{ kind: 'prefixed', prefix: 'A'.repeat(17) }, 'prefix'],
    [{ suffix: '=1' }, 'suffix'],
    [{ kind: 'custom', prefix: 'MATHS', suffix: 'X' }, 'suffix'],
    [{ kind: 'custom', prefix: 'MATHS', checkChar: true }, 'checkChar'],
    [{ checkChar: 'yes' }, 'checkChar'],
    [{ alphabet: '0123456789ABCDEFGHJKMNPQRSTUVWXYZ', checkChar: true }, 'checkChar'],
  ])('refuses %j and names the field %s', (partial, field) => {
    expect(fieldOf(partial)).toBe(field);
  });

  it('refuses something that is not an object', () => {
    expect(fieldOf(null)).toBe('kind');
  });

  it('gives errors a stable code and a readable message', () => {
    try {
      resolveFormat({ length: 3 });
      expect.fail('should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(CodeFormatError);
      expect(error).toMatchObject({ code: 'invalid_code_format', field: 'length', name: 'CodeFormatError' });
      expect((error as Error).message).toBe('length must be a whole number from 4 to 64');
    }
  });

  it('accepts digit-only, check-character and custom formats', () => {
    expect(resolveFormat({ alphabet: '0123456789', checkChar: true }).checkChar).toBe(true);
    expect(resolveFormat({ kind: 'custom', prefix: 'maths' }).prefix).toBe('MATHS');
  });
});
