import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, vi } from 'vitest';
import { session } from '@/stores/session';

enableAutoUnmount(afterEach);

afterEach(() => {
  session.signOut();
  localStorage.clear();
  document.body.innerHTML = '';
});

// `vi.waitFor` gives up after 1 s by default; on a loaded 2-core CI machine a mount with a few
// awaited requests has taken longer (seen twice at load average 16). The condition is the test;
// the time is not, so every waitFor without its own timeout gets 5 s.
const waitFor = vi.waitFor;
vi.waitFor = ((callback, options) =>
  waitFor(callback, typeof options === 'number' ? options : { timeout: 5_000, ...options })) as typeof vi.waitFor;
