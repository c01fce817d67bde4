// Calls to the hub's public API with the signed-in user's token (none for anonymous use).

const TOKEN_KEY = 'datahub.token';
const WHO_KEY = 'datahub.who';
/** 'entra' when the session came from Entra ID (it then signs out there too), absent for the local picker. */
export const VIA_KEY = 'datahub.via';

export interface Who { organisation: string; roles: string[] }

export function signedIn(): Who | null {
  const raw = sessionStorage.getItem(WHO_KEY);
  return raw ? (JSON.parse(raw) as Who) : null;
}

export function setSession(token: string | null, who: Who | null): void {
  if (token && who) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(WHO_KEY, JSON.stringify(who));
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(WHO_KEY);
    sessionStorage.removeItem(VIA_KEY);
  }
}

export class ApiError extends Error {
  constructor(public status: number, public detail: string) { super(detail); }
}

/** The signed-in user's Authorization header, if any (for requests made outside api(), such as the map's tiles). */
export function authorization(): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json, application/geo+json, application/problem+json');
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      detail = problem.detail ?? problem.title ?? detail;
    } catch { /* not problem+json */ }
    if (response.status === 401 && token) setSession(null, null); // an expired token: signed out, not a short list
    throw new ApiError(response.status, detail);
  }
  return (await response.json()) as T;
}
