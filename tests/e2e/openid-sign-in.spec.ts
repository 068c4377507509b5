import { expect, test, type Page, type Request } from '@playwright/test';
import { OTHER_AUDIENCE, startOpenIdProvider, type OpenIdProvider } from '../support/openid-provider';
import { selfSignedCertificate } from '../support/self-signed-certificate';
import { startOwnAppServer, type OwnAppServer } from './support/app-server';

/**
 * The production sign-in (the Auth0 SPA SDK, auth0 mode) against a real OpenID provider on
 * loopback, through the provider's own login, consent and sign-out pages. The provider speaks HTTPS
 * with a certificate made for the run: the SDK calls its domain with https only. Chromium is told to
 * accept it, and the server trusts it for fetching the signing keys (NODE_EXTRA_CA_CERTS).
 */

const AUDIENCE = 'https://ims.example/api';
// The SDK renews an access token once less than 60 s of it remain: at 65 s, five seconds after issue.
const ACCESS_TOKEN_SECONDS = 65;
const PERSON = { login: 'grace@example.org', name: 'Grace Hopper' };

let provider: OpenIdProvider;
let app: OwnAppServer;

test.use({ ignoreHTTPSErrors: true });

test.beforeAll(async () => {
  const certificate = selfSignedCertificate();
  provider = await startOpenIdProvider({ audience: AUDIENCE, tls: certificate, accessTokenSeconds: ACCESS_TOKEN_SECONDS });
  app = await startOwnAppServer({
    env: {
      AUTH_MODE: 'auth0',
      AUTH_ISSUER: provider.issuer,
      AUTH_JWKS_URL: provider.jwksUrl,
      AUTH0_AUDIENCE: AUDIENCE,
      AUTH0_CLIENT_ID: provider.spaClientId,
      NODE_EXTRA_CA_CERTS: certificate.certFile
    }
  });
  provider.registerApp(app.baseURL);
});

test.afterAll(async () => {
  await app?.stop();
  await provider?.close();
});

test('signs in with code and PKCE, renews the access token silently, and signs out at the provider', async ({ page }) => {
  const providerOrigin = new URL(provider.issuer).origin;
  // The provider's pages import a web font; there is no internet here, and nothing waits on it.
  await page.route('https://fonts.googleapis.com/**', (route) => route.abort());
  const tokenRequests = recordTokenRequests(page, providerOrigin);

  await test.step('authorization code with PKCE through the provider’s login and consent pages', async () => {
    await page.goto(`${app.baseURL}/`);
    await expect(page).toHaveURL(/\/login/);
    const authorize = page.waitForRequest((request) => request.url().startsWith(`${providerOrigin}/authorize?`));
    await page.getByRole('button', { name: 'Continue to sign-in' }).click();
    const query = new URL((await authorize).url()).searchParams;
    expect(Object.fromEntries(query)).toMatchObject({
      client_id: provider.spaClientId,
      response_type: 'code',
      code_challenge_method: 'S256',
      audience: AUDIENCE,
      redirect_uri: `${app.baseURL}/login/callback`
    });
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await page.getByPlaceholder('Enter any login').fill(PERSON.login);
    await page.getByPlaceholder('and password').fill('any password will do');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    // The name in the header comes from the server, which read it from the verified access token.
    await expect(page.locator('header').getByText(PERSON.name)).toBeVisible();
    await expect(page).not.toHaveURL(/\/login/);
    const exchange = tokenRequests.find((request) => request.grant === 'authorization_code');
    expect(exchange?.body.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
  });

  await test.step('silent renewal with the refresh token once the access token is due', async () => {
    const first = await cachedAccessToken(page);
    // Due by the SDK's own rule, in whole seconds as it counts: its cache entry expires within the
    // 60 s it renews ahead.
    await expect
      .poll(() => page.evaluate(() => Math.floor(Date.now() / 1000)), { timeout: 15_000 })
      .toBeGreaterThan(first.expiresAt - 60);
    const renewedCall = page.waitForResponse(
      (response) =>
        response.url().startsWith(`${app.baseURL}/api/`) &&
        /^Bearer /.test(response.request().headers().authorization ?? '') &&
        response.request().headers().authorization !== `Bearer ${first.token}`
    );
    // Coming back to the app is when it asks for a token: the SDK renews it instead of sending the stale one.
    await page.reload();
    expect((await renewedCall).status()).toBe(200);
    expect(tokenRequests.filter((request) => request.grant === 'refresh_token')).not.toHaveLength(0);
    expect((await cachedAccessToken(page)).token).not.toBe(first.token);
    await expect(page.locator('header').getByText(PERSON.name)).toBeVisible();
  });

  await test.step('sign-out ends the provider’s session too', async () => {
    await page.goto(`${app.baseURL}/settings`);
    await page.getByRole('button', { name: 'Sign out…' }).click();
    await page.getByRole('button', { name: 'Keep offline data', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(page).toHaveURL(`${app.baseURL}/login`);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('@@auth0spajs@@')))).toEqual([]);

    // No single sign-on left behind: signing in again asks for the login.
    await page.getByRole('button', { name: 'Continue to sign-in' }).click();
    await expect(page.getByPlaceholder('Enter any login')).toBeVisible();
  });
});

test('the server refuses a token the provider signed for another audience', async ({ request }) => {
  const token = await provider.serviceToken(OTHER_AUDIENCE);
  const response = await request.get(`${app.baseURL}/api/users/profile`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe('AUTH_WRONG_AUDIENCE');
});

interface TokenRequest {
  grant: string | null;
  body: URLSearchParams;
}

function recordTokenRequests(page: Page, providerOrigin: string): TokenRequest[] {
  const seen: TokenRequest[] = [];
  page.on('request', (request: Request) => {
    if (request.method() !== 'POST' || request.url() !== `${providerOrigin}/oauth/token`) return;
    const body = new URLSearchParams(request.postData() ?? '');
    seen.push({ grant: body.get('grant_type'), body });
  });
  return seen;
}

/** The access token the SDK keeps for the API, and when its cache entry expires (seconds). */
async function cachedAccessToken(page: Page): Promise<{ token: string; expiresAt: number }> {
  const entry = await page.evaluate((audience) => {
    const key = Object.keys(localStorage).find((name) => name.startsWith('@@auth0spajs@@') && name.includes(`::${audience}::`));
    return key ? (JSON.parse(localStorage.getItem(key) as string) as { body: { access_token: string }; expiresAt: number }) : null;
  }, AUDIENCE);
  if (!entry) throw new Error('the SDK holds no access token for the API');
  return { token: entry.body.access_token, expiresAt: entry.expiresAt };
}
