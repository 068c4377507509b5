import { createAuthClient } from './auth-client';
import { browserEnvironment } from './environment';
import { localDataHooks } from './local-data';
import { providerFor } from './providers';
import { session } from './session.svelte';
import type { AuthClient } from './types';

/** The app's one auth client; `auth.session` is the same runes state as `session`. */
export const auth: AuthClient = createAuthClient({
  state: session,
  environment: browserEnvironment,
  providerFor,
  localData: localDataHooks
});

export { session };
export { DEV_USERS, type DevUser } from './dev-users';
export {
  AuthRequestError,
  SignInRequiredError,
  UnsyncedChangesError,
  describeAuthError,
  unsyncedWarning
} from './errors';
export { registerLocalData } from './local-data';
export { isLoginPath, loginUrl, safeReturnTo } from './return-to';
export type {
  AuthClient,
  AuthMode,
  AuthOutcome,
  LocalDataHooks,
  SessionSite,
  SessionState,
  SessionStatus,
  SessionUser,
  SignInOptions,
  SignOutOptions
} from './types';
