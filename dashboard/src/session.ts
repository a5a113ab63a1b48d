import DodoPayments from 'dodopayments';

// The key lives in sessionStorage only: it is gone when the tab closes and never appears in a URL.
const STORAGE_KEY = 'pricebook.apiKey';

export type Mode = 'test' | 'live';

export interface Session {
  key: string;
  mode: Mode;
  client: DodoPayments;
}

/** Pricebook keys read `pb_test_…` or `pb_live_…`; anything else is treated as a test key. */
export function modeOf(key: string): Mode {
  return key.startsWith('pb_live_') ? 'live' : 'test';
}

export function openSession(key: string): Session {
  // The dashboard is served by the API it calls, so the page's own origin is the API's base URL.
  const client = new DodoPayments({
    bearerToken: key,
    baseURL: window.location.origin,
    maxRetries: 0,
  });
  return { key, mode: modeOf(key), client };
}

export function storedKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function storeKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, key);
}
