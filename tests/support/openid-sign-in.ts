import { createHash, randomBytes } from 'node:crypto';
import { spaCallbackUrl, type OpenIdProvider } from './openid-provider';

export interface HttpSignIn {
  provider: OpenIdProvider;
  /** The app registered with `provider.registerApp`: the code comes back to its callback. */
  appOrigin: string;
  /** The API the access token is for (AUTH0_AUDIENCE). */
  audience: string;
  /** What the person types as their login; it becomes the token's `sub` and `email`. */
  login: string;
}

// Generous: login, consent and the redirects between them take seven requests.
const MAX_STEPS = 20;

/**
 * Signs a person in as the SPA does, with HTTP requests where a browser would be: authorization
 * code with PKCE (S256), through the provider's own login and consent pages, whose forms are
 * submitted as a person would, then the code exchanged for tokens at the token endpoint. Resolves
 * with the access token. Plain HTTP only: the provider must not be the TLS one.
 */
export async function signInOverHttp(options: HttpSignIn): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const callback = spaCallbackUrl(options.appOrigin);
  const authorize = new URL('authorize', options.provider.issuer);
  authorize.search = new URLSearchParams({
    client_id: options.provider.spaClientId,
    response_type: 'code',
    redirect_uri: callback,
    scope: 'openid profile email offline_access',
    audience: options.audience,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state
  }).toString();

  const browser = new CookieJar();
  let url = authorize;
  let response = await browser.fetch(url);
  for (let step = 0; step < MAX_STEPS; step++) {
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.href.startsWith(callback)) return exchangeCode({ ...options, callback, verifier, state, redirect: url });
      response = await browser.fetch(url);
      continue;
    }
    if (response.status !== 200) throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${await response.text()}`);
    const form = pageForm(await response.text(), url);
    // The login page asks for a login and a password (any will do); the consent page only to continue.
    if (form.fields.get('prompt') === 'login') {
      form.fields.set('login', options.login);
      form.fields.set('password', 'any password will do');
    }
    url = form.action;
    response = await browser.fetch(url, { method: 'POST', body: form.fields });
  }
  throw new Error(`no authorization code after ${MAX_STEPS} steps at the provider; the last was ${url.href}`);
}

async function exchangeCode(options: HttpSignIn & { callback: string; verifier: string; state: string; redirect: URL }): Promise<string> {
  const { searchParams } = options.redirect;
  if (searchParams.has('error')) throw new Error(`the provider refused: ${searchParams.get('error')} ${searchParams.get('error_description') ?? ''}`);
  if (searchParams.get('state') !== options.state) throw new Error('the callback came back with another state');
  const response = await fetch(new URL('oauth/token', options.provider.issuer), {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: options.provider.spaClientId,
      code: searchParams.get('code') ?? '',
      redirect_uri: options.callback,
      code_verifier: options.verifier
    })
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) throw new Error(`no access token for the code: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** The one form of a provider page: where it posts, and its hidden fields. */
function pageForm(html: string, page: URL): { action: URL; fields: URLSearchParams } {
  const action = /<form[^>]*\baction="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the provider's page ${page.pathname}`);
  const fields = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields.set(name, value);
  return { action: new URL(action.replaceAll('&amp;', '&'), page), fields };
}

/** Cookies as a browser keeps them for one site: by name, sent where their path applies. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  async fetch(url: URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
    const cookie = [...this.cookies]
      .filter(([, entry]) => url.pathname.startsWith(entry.path))
      .map(([name, entry]) => `${name}=${entry.value}`)
      .join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const header of response.headers.getSetCookie()) this.keep(header);
    return response;
  }

  private keep(header: string): void {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const path = attributes.find((attribute) => /^path=/i.test(attribute))?.slice('path='.length) ?? '/';
    const expired = attributes.some((attribute) => /^expires=/i.test(attribute) && Date.parse(attribute.slice('expires='.length)) <= Date.now());
    if (value === '' || expired) this.cookies.delete(name);
    else this.cookies.set(name, { value, path });
  }
}
