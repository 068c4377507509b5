import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../../sync-server/collab/close-codes';
import { LEEDS } from '../../../../sync-server/demo/demo-directory';
import { auth0Env, startJwksServer, TEST_AUDIENCE, TEST_ISSUER, type JwksServer } from '../../auth/test-issuer';
import { demoUser, openApiFixture, type ApiFixture } from '../../helpers/api-fixture';
import { testDatabases } from '../../helpers/test-databases';
import { listen } from '../../sync/event-stream-client';
import { UNTHROTTLED } from '../../sync/replica';
import { channels, type Target } from './channels';
import { createProviderKey, FORGERIES, genuineToken, readDevIssuerKey, type GenuineKey } from './forgeries';
import { validFields } from '../../../support/valid-fields';

const BEN = demoUser('ben@example.org');

/** How the server learns its issuer's key: made at start (dev), or fetched from the provider's key set (auth0). */
interface AuthMode {
  name: string;
  /** Starts what the mode needs before the app; returns the app's environment, the key once the app runs, and a cleanup. */
  prepare(): Promise<{ env: NodeJS.ProcessEnv; key(): Promise<GenuineKey>; close(): Promise<void> }>;
}

const AUTH_MODES: AuthMode[] = [
  {
    name: 'dev',
    async prepare() {
      // A data folder of the test's own, so it can read the dev issuer's signing key from it.
      const dataDir = await mkdtemp(join(tmpdir(), 'ims-forged-tokens-'));
      return {
        env: { DATA_DIR: dataDir },
        key: () => readDevIssuerKey(dataDir),
        close: () => rm(dataDir, { recursive: true, force: true })
      };
    }
  },
  {
    name: 'auth0',
    async prepare() {
      const provider = await createProviderKey({ kid: 'provider-key', iss: TEST_ISSUER, aud: TEST_AUDIENCE });
      const providerJwks = await startJwksServer({ keys: [provider.publicJwk] });
      return { env: auth0Env(providerJwks.url), key: async () => provider, close: () => providerJwks.close() };
    }
  }
];

// Every forgery names Ben, a member of the target's site: a token that got through would see it.
describe.each(testDatabases)('forged and invalid access tokens on $kind', (testDatabase) => {
  describe.each(AUTH_MODES)('with AUTH_MODE=$name', (mode) => {
    let prepared: Awaited<ReturnType<AuthMode['prepare']>>;
    let api: ApiFixture;
    let baseUrl: string;
    let attackerJwks: JwksServer;
    let genuine: GenuineKey;
    let attacker: GenuineKey;
    const target: Target = { siteId: LEEDS.id, recordId: '', marker: 'Quillwort forgery target' };

    beforeAll(async () => {
      prepared = await mode.prepare();
      api = await openApiFixture(testDatabase, { env: { ...UNTHROTTLED, ...prepared.env } });
      baseUrl = await listen(api.app);
      genuine = await prepared.key();
      attacker = await createProviderKey({ kid: 'attacker-key', iss: 'https://attacker.test/', aud: 'urn:attacker:api' });
      attackerJwks = await startJwksServer({ keys: [attacker.publicJwk] });
      // Through the service: in auth0 mode there is no dev token to push with.
      const fields = validFields({ title: target.marker });
      const { record } = await api.app.interactions.create({ userId: BEN.id }, { siteId: LEEDS.id, fields });
      target.recordId = record.id;
    });
    afterAll(async () => {
      await attackerJwks?.close();
      await api?.dispose();
      await prepared?.close();
    });

    describe.each(['GET /api/interactions?siteId=', 'the live-editing socket', 'the event stream'])('through %s', (channelName) => {
      const channel = () => channels(api, () => baseUrl, target).find((candidate) => candidate.name === channelName)!;

      it('admits a genuine token of the same user (the control)', async () => {
        await channel().admits(await genuineToken(genuine, BEN.authSubject));
      });

      // Plain its: it.each's name templating cuts long values short.
      for (const forgery of FORGERIES) {
        it(`refuses a token with ${forgery.name}: 401 ${forgery.code} (socket 4401), nothing of the site`, async () => {
          const token = await forgery.token({ genuine, attacker, attackerJwksUrl: attackerJwks.url }, BEN.authSubject);
          await channel().refuses(token, { status: 401, code: forgery.code, closeCode: CLOSE.UNAUTHENTICATED.code });
          expect(attackerJwks.hits, 'fetches of the attacker’s key set').toBe(0);
        });
      }
    });
  });
});
