import { slugify } from './projects.service.js';

describe('slugify', () => {
  it('turns a name into lower-case letters, digits and dashes', () => {
    expect(slugify('  Maths Académie 2026! ')).toBe('maths-academie-2026');
  });
  it('never returns an empty slug', () => {
    expect(slugify('!!!')).toBe('project');
  });
});
