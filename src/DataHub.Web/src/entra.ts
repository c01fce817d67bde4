// Sign-in with Entra ID (production): the hub's app registration as a public client with PKCE (no secret in the
// browser), by redirect. MSAL is loaded only when the hub has Entra ID configured, so the demo does not carry it.
import { api, setSession, VIA_KEY, type Who } from './api';

export interface EntraSettings { clientId: string; authority: string; scopes: string[] }

type Client = import('@azure/msal-browser').PublicClientApplication;
let client: Client | null = null;

async function msal(settings: EntraSettings): Promise<Client> {
  if (client) return client;
  const { PublicClientApplication } = await import('@azure/msal-browser');
  client = new PublicClientApplication({
    auth: { clientId: settings.clientId, authority: settings.authority, redirectUri: `${location.origin}/` },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await client.initialize();
  return client;
}

/** After the redirect back from Entra ID: keeps the access token and asks the hub who that is. True when signed in. */
export async function completeEntraSignIn(settings: EntraSettings): Promise<boolean> {
  const pca = await msal(settings);
  const result = await pca.handleRedirectPromise();
  if (!result?.accessToken) return false;
  setSession(result.accessToken, { organisation: '', roles: [] });
  const who = await api<Who & { name: string }>('/api/v1/sign-in/me');
  setSession(result.accessToken, { organisation: who.organisation, roles: who.roles });
  sessionStorage.setItem(VIA_KEY, 'entra');
  return true;
}

export async function startEntraSignIn(settings: EntraSettings): Promise<void> {
  const pca = await msal(settings);
  // The view stays in the fragment; Entra ID returns to the map's root and the fragment is restored after.
  sessionStorage.setItem('datahub.view', location.hash);
  await pca.loginRedirect({ scopes: settings.scopes, prompt: 'select_account' });
}

export async function signOutEntra(settings: EntraSettings): Promise<void> {
  setSession(null, null);
  const pca = await msal(settings);
  await pca.clearCache();
}
