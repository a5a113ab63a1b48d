import { createContext, useContext } from 'react';
import type { Session } from './session.ts';

export const SessionContext = createContext<Session | null>(null);

/** The SDK client of the signed-in key; every page below the sign-in gate has one. */
export function useClient() {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useClient outside a session');
  return session.client;
}
