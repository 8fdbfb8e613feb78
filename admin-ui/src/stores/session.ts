import { computed, reactive, readonly } from 'vue';
import type { LoginResponse, SessionUser } from '@/app/api-types';

const STORAGE_KEY = 'admit.session';

/**
 * Who is signed in and until when. The session token itself is an HttpOnly cookie the page never
 * sees (so a script injected into the page cannot steal it); nothing secret is kept here.
 */
interface SessionState {
  expiresAt: string | null;
  user: SessionUser | null;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function load(): SessionState {
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<SessionState> & { token?: unknown };
      // An entry from before the cookie session held the token: drop it.
      if ('token' in parsed) storage()?.removeItem(STORAGE_KEY);
      else if (parsed.user) return { expiresAt: parsed.expiresAt ?? null, user: parsed.user };
    }
  } catch {
    // A corrupt entry means no session.
  }
  return { expiresAt: null, user: null };
}

const state = reactive<SessionState>(load());

function isExpired(): boolean {
  return state.expiresAt !== null && Date.parse(state.expiresAt) <= Date.now();
}

const isAuthenticated = computed(() => state.user !== null && !isExpired());

function signIn(login: LoginResponse): void {
  state.expiresAt = login.expiresAt;
  state.user = login.user;
  storage()?.setItem(STORAGE_KEY, JSON.stringify(state));
}

function signOut(): void {
  state.expiresAt = null;
  state.user = null;
  storage()?.removeItem(STORAGE_KEY);
}

/** The signed-in user (the session itself is the server's HttpOnly cookie). */
export const session = {
  state: readonly(state),
  isAuthenticated,
  signIn,
  signOut,
};

export function useSession() {
  return session;
}
