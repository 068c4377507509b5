import { auth } from '$lib/auth';
import { createAdminApi, type AdminApi } from './admin-api';
import { adminConnection } from './connection.svelte';

/** The app's administration client: the signed-in person's token, and the connection state screens show. */
export const adminApi: AdminApi = createAdminApi({
  fetch: (input, init) => fetch(input, init),
  getAccessToken: () => auth.getAccessToken(),
  isOnline: () => navigator.onLine,
  onOutcome: (outcome) => adminConnection.observe(outcome)
});

export { adminConnection } from './connection.svelte';
export { AdminOfflineError, AdminRequestError, OFFLINE_MESSAGE, describeAdminError, errorsByField, fieldErrorsOf } from './admin-errors';
export { auditSentence } from './audit-sentence';
export type { AdminApi } from './admin-api';
export type * from './types';
