import { User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ClientConfig } from './client-config';

/** Where the person was going when sign-in (or sign-out) started. */
export interface ReturnState {
  returnTo: string;
}

/** The signed-in person as the app knows them, and the ways in and out. */
export interface Auth {
  user: User | null;
  /** True once the stored session was looked at. */
  ready: boolean;
  /** The session ended (token expired or refused): the app shows a "signed out" page instead of failing. */
  ended: boolean;
  signIn(returnTo?: string): Promise<void>;
  signOut(returnTo?: string): Promise<void>;
  /** Called by the API client when the gateway refuses the token. */
  sessionEnded(): void;
  manager: UserManager;
}

const AuthContext = createContext<Auth | null>(null);

/** Authorization code + PKCE at the configured issuer; tokens in session storage only (never localStorage). */
export function createUserManager(config: ClientConfig, origin = window.location.origin): UserManager {
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}/auth/callback`,
    post_logout_redirect_uri: `${origin}/signed-out`,
    response_type: 'code',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // No refresh tokens or hidden frames: when the access token ends, the person sees that and signs in again.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
}

/** The token the API client sends; kept outside React so the fetch middleware can read it. */
let currentToken: string | undefined;
export const accessToken = () => currentToken;

export function AuthProvider({ manager, children }: { manager: UserManager; children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    const loaded = (next: User) => {
      currentToken = next.access_token;
      setUser(next);
      setEnded(false);
    };
    const unloaded = () => {
      currentToken = undefined;
      setUser(null);
    };
    const expired = () => {
      currentToken = undefined;
      setUser(null);
      setEnded(true);
    };
    manager.events.addUserLoaded(loaded);
    manager.events.addUserUnloaded(unloaded);
    manager.events.addAccessTokenExpired(expired);
    void manager.getUser().then((stored) => {
      if (stored && !stored.expired) loaded(stored);
      else if (stored) {
        void manager.removeUser();
        setEnded(true);
      }
      setReady(true);
    });
    return () => {
      manager.events.removeUserLoaded(loaded);
      manager.events.removeUserUnloaded(unloaded);
      manager.events.removeAccessTokenExpired(expired);
    };
  }, [manager]);

  const auth = useMemo<Auth>(
    () => ({
      user,
      ready,
      ended,
      manager,
      signIn: (returnTo = currentPath()) => manager.signinRedirect({ state: { returnTo } satisfies ReturnState }),
      signOut: async (returnTo = '/') => {
        const idToken = user?.id_token;
        currentToken = undefined;
        await manager.removeUser();
        await manager.signoutRedirect({ id_token_hint: idToken, state: { returnTo } satisfies ReturnState });
      },
      sessionEnded: () => {
        if (!currentToken) return;
        currentToken = undefined;
        void manager.removeUser();
        setUser(null);
        setEnded(true);
      },
    }),
    [user, ready, ended, manager],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

/** Only paths of this app are followed after sign-in, never another site. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}
