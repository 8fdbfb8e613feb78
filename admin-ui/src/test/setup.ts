import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach } from 'vitest';
import { session } from '@/stores/session';

enableAutoUnmount(afterEach);

afterEach(() => {
  session.signOut();
  localStorage.clear();
  document.body.innerHTML = '';
});
