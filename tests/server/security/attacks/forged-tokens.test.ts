import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../../sync-server/collab/close-codes';
import { LEEDS } from '../../../../sync-server/demo/demo-directory';
import { startJwksServer, type JwksServer } from '../../auth/test-issuer';
import { demoUser, openApiFixture, type ApiFixture } from '../../helpers/api-fixture';
import { testDatabases } from '../../helpers/test-databases';
import { listen } from '../../sync/event-stream-client';
import { pushAndAdopt, Replica, UNTHROTTLED } from '../../sync/replica';
import { channels, type Target } from './channels';
import { attackerKeyPair, FORGERIES, genuineToken, readDevIssuerKey, type ForgeryKeys } from './forgeries';

const BEN = demoUser('ben@example.org');

// Every forgery names Ben, a member of the target's site: a token that got through would see it.
describe.each(testDatabases)('forged and invalid access tokens on $kind', (testDatabase) => {
  let dataDir: string;
  let api: ApiFixture;
  let baseUrl: string;
  let attackerJwks: JwksServer;
  let keys: ForgeryKeys;
  const target: Target = { siteId: LEEDS.id, recordId: '', marker: 'Quillwort forgery target' };

  beforeAll(async () => {
    // A data folder of the test's own, so it can read the dev issuer's signing key from it.
    dataDir = await mkdtemp(join(tmpdir(), 'ims-forged-tokens-'));
    api = await openApiFixture(testDatabase, { env: { ...UNTHROTTLED, DATA_DIR: dataDir } });
    baseUrl = await listen(api.app);
    const attacker = await attackerKeyPair();
    attackerJwks = await startJwksServer({ keys: [attacker.publicJwk] });
    keys = { genuine: await readDevIssuerKey(dataDir), attacker: { ...attacker, jwksUrl: attackerJwks.url } };
    const record = Replica.create({ title: target.marker });
    await pushAndAdopt(api, BEN.email, [record]);
    target.recordId = record.id;
  });
  afterAll(async () => {
    await attackerJwks?.close();
    await api?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe.each(['GET /api/interactions?siteId=', 'the live-editing socket', 'the event stream'])('through %s', (channelName) => {
    const channel = () => channels(api, () => baseUrl, target).find((candidate) => candidate.name === channelName)!;

    it('admits a genuine token of the same user (the control)', async () => {
      await channel().admits(await genuineToken(keys.genuine, BEN.authSubject));
    });

    // Plain its: it.each's name templating cuts long values short.
    for (const forgery of FORGERIES) {
      it(`refuses a token with ${forgery.name}: 401 ${forgery.code} (socket 4401), nothing of the site`, async () => {
        const token = await forgery.token(keys, BEN.authSubject);
        await channel().refuses(token, { status: 401, code: forgery.code, closeCode: CLOSE.UNAUTHENTICATED.code });
        expect(attackerJwks.hits, 'fetches of the attacker’s key set').toBe(0);
      });
    }
  });
});
