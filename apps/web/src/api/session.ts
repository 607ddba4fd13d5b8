import type { AuthProvider } from 'react-admin';
import { ApiError, requestJson } from './http';

export type Role = 'admin' | 'staff' | 'treasurer' | 'board' | 'initiative';

export interface Me {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  organisations: { organisationId: string; roles: Role[]; initiativeIds: string[] }[];
}

export interface Permissions {
  roles: Role[];
  initiativeIds: string[];
  isPlatformAdmin: boolean;
}

let current: Me | undefined;
/** Set when a session ended under the user's hands; the login page says so. */
let sessionExpired = false;
export const wasSessionExpired = (): boolean => sessionExpired;

/** The signed-in user, or undefined when the session cookie is missing or expired. */
export async function loadMe(): Promise<Me | undefined> {
  try {
    current = await requestJson<Me>('GET', '/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) current = undefined;
    else throw error;
  }
  return current;
}

export const currentMe = (): Me | undefined => current;

export function permissionsIn(me: Me | undefined, orgId: string | undefined): Permissions {
  const binding = me?.organisations.find((o) => o.organisationId === orgId);
  return {
    roles: binding?.roles ?? [],
    initiativeIds: binding?.initiativeIds ?? [],
    isPlatformAdmin: me?.isPlatformAdmin ?? false,
  };
}

/**
 * Login on the API's session cookie (HttpOnly, SameSite=Strict): the app never sees the
 * token. A 401 from any call means the session ended: back to the login with a message,
 * and react-admin returns to the page the user was on afterwards.
 */
export function createAuthProvider(orgId?: string): AuthProvider {
  return {
    login: async ({ email, password }: { email: string; password: string }) => {
      const answer = await requestJson<{ user: Me }>('POST', '/auth/login', {
        body: { email, password },
      });
      current = answer.user;
      sessionExpired = false;
    },
    logout: async () => {
      if (current) {
        await requestJson('POST', '/auth/logout').catch(() => undefined);
      }
      current = undefined;
    },
    checkAuth: async () => {
      if (current || (await loadMe())) return;
      // react-admin's protocol: a plain object; message false means "no notice" (first visit).
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { message: false };
    },
    checkError: (error: { status?: number }) => {
      if (error?.status === 401) {
        const hadSession = current !== undefined;
        current = undefined;
        if (hadSession) sessionExpired = true;
        // react-admin shows `message` as the notice on the way to the login page.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        return Promise.reject({ message: hadSession ? 'dw.auth.session_expired' : false });
      }
      return Promise.resolve();
    },
    getIdentity: async () => {
      const me = current ?? (await loadMe());
      if (!me) throw new Error('not signed in');
      return { id: me.id, fullName: me.name };
    },
    getPermissions: async () => permissionsIn(current ?? (await loadMe()), orgId),
  };
}
