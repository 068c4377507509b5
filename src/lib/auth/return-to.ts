// Any base will do: it only tells a same-origin path from one that would leave the app.
const BASE = 'https://app.invalid';

/**
 * `value` if it is a path inside this app, otherwise `fallback`. Guards the `returnTo` parameter
 * against open redirects (`//evil.example`, `/\evil.example`, tabs the URL parser removes) and
 * against sending the user back to the login page in a loop.
 */
export function safeReturnTo(value: string | null | undefined, fallback = '/'): string {
  if (!value?.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || isLoginPath(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}

/** The sign-in pages, the only ones reachable without a session. */
export function isLoginPath(pathname: string): boolean {
  return pathname === '/login' || pathname.startsWith('/login/');
}

/** The login page, remembering where the user was going. */
export function loginUrl(returnTo: string): string {
  const safe = safeReturnTo(returnTo);
  return safe === '/' ? '/login' : `/login?returnTo=${encodeURIComponent(safe)}`;
}
