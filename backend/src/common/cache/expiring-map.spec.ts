import { ExpiringMap } from './expiring-map.js';

describe('ExpiringMap', () => {
  it('believes an entry for its time to live, then asks again', () => {
    const map = new ExpiringMap<string, string>(5_000, 10);
    map.set('a', 'owner', 1_000);
    expect(map.get('a', 1_000)).toBe('owner');
    expect(map.get('a', 5_999)).toBe('owner');
    expect(map.get('a', 6_000)).toBeUndefined();
  });

  it('forgets one entry, or those a predicate selects', () => {
    const map = new ExpiringMap<string, number>(5_000, 10);
    map.set('a', 1, 0);
    map.set('b', 2, 0);
    map.set('c', 3, 0);
    map.delete('a');
    map.deleteWhere((value) => value % 2 === 1);
    expect([map.get('a', 1), map.get('b', 1), map.get('c', 1)]).toEqual([undefined, 2, undefined]);
  });

  it('never holds more than its bound: full, it starts over', () => {
    const map = new ExpiringMap<number, number>(5_000, 3);
    for (let i = 0; i < 4; i++) map.set(i, i, 0);
    expect([0, 1, 2, 3].map((i) => map.get(i, 1))).toEqual([undefined, undefined, undefined, 3]);
  });
});
