import type { Ok } from '../api/types';

/** Where to sign in, from the gateway: one build of the app serves every installation. */
export type ClientConfig = Ok<'/api/client-config', 'get'>;

export async function loadClientConfig(): Promise<ClientConfig> {
  const response = await fetch('/api/client-config', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the portal's configuration could not be loaded (${response.status})`);
  return (await response.json()) as ClientConfig;
}
