import { initialSessionState } from './auth-client';
import type { SessionState } from './types';

/** This tab's session as runes state: components that read it re-render when it changes. */
export const session: SessionState = $state(initialSessionState());
