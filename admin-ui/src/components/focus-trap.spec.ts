import { describe, expect, it } from 'vitest';
import { nextFocus } from './focus-trap';

const items = ['a', 'b', 'c'].map((id) => {
  const el = document.createElement('button');
  el.id = id;
  return el;
});

describe('nextFocus', () => {
  it('wraps Tab from the last element to the first, and Shift+Tab from the first to the last', () => {
    expect(nextFocus(items, items[2]!, false)).toBe(items[0]);
    expect(nextFocus(items, items[0]!, true)).toBe(items[2]);
  });

  it('leaves moves in the middle to the browser', () => {
    expect(nextFocus(items, items[1]!, false)).toBeNull();
    expect(nextFocus(items, items[1]!, true)).toBeNull();
  });

  it('brings focus that is outside back in', () => {
    expect(nextFocus(items, document.body, false)).toBe(items[0]);
    expect(nextFocus(items, document.body, true)).toBe(items[2]);
    expect(nextFocus([], document.body, false)).toBeNull();
  });
});
