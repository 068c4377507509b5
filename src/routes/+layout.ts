import { redirect } from '@sveltejs/kit';
import { auth, isLoginPath, loginUrl, safeReturnTo } from '$lib/auth';
import type { LayoutLoad } from './$types';

// Everything renders in the browser from the local database; there is no server-side rendering.
export const ssr = false;
export const prerender = false;

/**
 * The route guard. Offline with a cached identity, `start` resolves without touching the network,
 * so the app opens straight onto the last user's data.
 */
export const load: LayoutLoad = async ({ url }) => {
  await auth.start();
  const { status, reauthRequired } = auth.session;
  if (status !== 'signed-in') {
    if (!isLoginPath(url.pathname)) redirect(307, loginUrl(url.pathname + url.search));
    return;
  }
  // Signed in already: the login page is only for signing in again when the server asks for it.
  if (url.pathname === '/login' && !reauthRequired) {
    redirect(307, safeReturnTo(url.searchParams.get('returnTo')));
  }
};
