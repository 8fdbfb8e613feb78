import { computed, reactive, readonly } from 'vue';
import type { LoginResponse, SessionUser } from '@/app/api-types';

const STORAGE_KEY = 'admit.session';

interface SessionState {
  token: string | null;
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
      const parsed = JSON.parse(raw) as Partial<SessionState>;
      if (typeof parsed.token === 'string') {
        return { token: parsed.token, expiresAt: parsed.expiresAt ?? null, user: parsed.user ?? null };
      }
    }
  } catch {
    // A corrupt entry means no session.
  }
  return { token: null, expiresAt: null, user: null };
}

const state = reactive<SessionState>(load());

function isExpired(): boolean {
  return state.expiresAt !== null && Date.parse(state.expiresAt) <= Date.now();
}

const isAuthenticated = computed(() => state.token !== null && !isExpired());

function signIn(login: LoginResponse): void {
  state.token = login.accessToken;
  state.expiresAt = login.expiresAt;
  state.user = login.user;
  storage()?.setItem(STORAGE_KEY, JSON.stringify(state));
}

function signOut(): void {
  state.token = null;
  state.expiresAt = null;
  state.user = null;
  storage()?.removeItem(STORAGE_KEY);
}

/** The token to send, or null once it has expired (the server would answer 401 anyway). */
function currentToken(): string | null {
  return isExpired() ? null : state.token;
}

/** The signed-in user and their bearer token, kept in localStorage across reloads. */
export const session = {
  state: readonly(state),
  isAuthenticated,
  signIn,
  signOut,
  currentToken,
};

export function useSession() {
  return session;
}
