import { pgArray } from './sql.js';

describe('pgArray', () => {
  it('quotes and escapes values and writes NULL for missing ones', () => {
    expect(pgArray(['A', 'b"c', 'd\\e', null, 3])).toBe('{"A","b\\"c","d\\\\e",NULL,"3"}');
  });
  it('writes an empty array', () => {
    expect(pgArray([])).toBe('{}');
  });
});
