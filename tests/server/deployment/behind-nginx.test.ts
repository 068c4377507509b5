import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, StreamMessage } from '../../../src/lib/sync/protocol';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { ORT_FILES, onnxRuntimeFiles } from '../../../sync-server/plugins/model-files';
import { TEST_AUDIENCE, TEST_ISSUER, createTestIssuer, startJwksServer, type JwksServer, type TestIssuer } from '../auth/test-issuer';
import { connectPeer, type Peer } from '../collab/collab-client';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';
import { carries, isResync, openStream, type StreamClient } from '../sync/event-stream-client';
import { validFields, waitFor } from '../sync/replica';
import { freePort, processUid, startInstance, type InstanceProcess } from './instance-process';
import { startNginx, type NginxProcess } from './nginx-process';
import { installProductionBundle, type ProductionBundle } from './production-bundle';

// Two processes on one database: only Postgres can hold them (PGlite is embedded in one process).
const postgres = testDatabases.find((candidate) => candidate.kind === 'postgres');

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';
const METRICS_TOKEN = 'scrape-token-of-the-deployment-test';
const NOBODY_UID = 65534;

/**
 * The deployment of compose.yaml without a container daemon: the production bundle installed as
 * the Dockerfile installs it, two instances of it with NODE_ENV=production as an unprivileged user
 * on one Postgres, and Debian's nginx in front with the deployment's own proxy configuration.
 */
describe.skipIf(!postgres)('two production instances behind nginx', () => {
  let database: DisposableDatabase;
  let issuer: TestIssuer;
  let jwks: JwksServer;
  let bundle: ProductionBundle;
  let instances: InstanceProcess[] = [];
  let nginx: NginxProcess;
  const streams: StreamClient[] = [];
  const peers: Peer[] = [];

  beforeAll(async () => {
    [database, issuer] = await Promise.all([postgres!.open(), createTestIssuer()]);
    jwks = await startJwksServer(issuer.jwks);
    bundle = await installProductionBundle();
    const ports = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      // nginx on the same machine is the instances' only client.
      ALLOW_LOOPBACK_HOST: 'true',
      TRUST_PROXY: 'true',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      STATIC_DIR: bundle.staticDir,
      AUTH_ISSUER: TEST_ISSUER,
      AUTH_JWKS_URL: jwks.url,
      AUTH0_AUDIENCE: TEST_AUDIENCE,
      METRICS_TOKEN,
      SHUTDOWN_TIMEOUT_MS: '5000'
    };
    // Both at once, as an orchestrator starts them: the migration lock lets one migrate.
    instances = await Promise.all(ports.map((port) => startInstance({ bundleDir: bundle.dir, port, env })));
    await seedDemoData(database.db, { interactions: 0 });
    nginx = await startNginx({ port: await freePort(), upstreams: [`127.0.0.1:${ports[0]}`, `127.0.0.1:${ports[1]}`] });
  }, 180_000);

  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    for (const stream of streams) stream.close();
    await nginx?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await jwks?.close();
    await database?.dispose();
    if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  }, 60_000);

  /** A token from the stand-in for Auth0, for a demo user (whose subject is `dev|<email>`). */
  function token(email: string, claims: Record<string, unknown> = {}): Promise<string> {
    return issuer.signToken({ sub: `dev|${email}`, email, email_verified: true, name: email.split('@')[0], ...claims });
  }

  async function createInteraction(baseUrl: string, title: string): Promise<string> {
    const response = await fetch(`${baseUrl}/api/interactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(ADA)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ siteId: LEEDS.id, ...validFields({ title }) })
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function streamThroughNginx(email: string): Promise<StreamClient> {
    const stream = await openStream(nginx.url, LEEDS.id, await token(email));
    if ('status' in stream) throw new Error(`stream refused: ${stream.status} ${JSON.stringify(stream.body)}`);
    streams.push(stream);
    await stream.waitFor(isResync, 'RESYNC');
    return stream;
  }

  /** How many event streams each instance has been asked for, from its own request log. */
  function streamRequestsPerInstance(): number[] {
    return instances.map(
      (instance) =>
        instance.logs.filter(
          (line) => line.msg === 'incoming request' && /\/api\/sync\/[^/]+\/stream$/.test(String((line.req as { url?: string })?.url))
        ).length
    );
  }

  it('answers health, readiness and the app through nginx', async () => {
    expect((await fetch(`${nginx.url}/api/health`)).status).toBe(200);
    expect(await (await fetch(`${nginx.url}/api/ready`)).json()).toEqual({ status: 'ready', database: 'postgres' });
    expect(await (await fetch(`${nginx.url}/`)).text()).toContain(bundle.pageMarker);
  });

  it('spreads requests over both instances', async () => {
    for (let request = 0; request < 4; request++) expect((await fetch(`${nginx.url}/api/health`)).status).toBe(200);
    const answeredBy = new Set(nginx.accessLog().match(/upstream=\S+/g));
    expect([...answeredBy].sort()).toEqual(instances.map((instance) => `upstream=${new URL(instance.url).host}`).sort());
  });

  it('serves ONNX Runtime’s wasm without transformers.js installed, from the copy beside the compiled server', async () => {
    expect(existsSync(join(bundle.dir, 'node_modules', '@huggingface', 'transformers'))).toBe(false);
    const { version } = onnxRuntimeFiles();
    for (const file of ORT_FILES) {
      const response = await fetch(`${nginx.url}/ort/${version}/${file}`);
      expect(response.status, file).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(onnxRuntimeFiles().dir, file))), file).toBe(true);
    }
  });

  // Run as root (CI), the instances drop to nobody; run as anyone else, they run as that user.
  const asRoot = process.getuid?.() === 0;
  it(asRoot ? 'runs each instance as nobody, dropped from root' : 'runs each instance as the current user, who is not root', () => {
    for (const instance of instances) {
      const uid = processUid(instance.pid);
      expect(uid).not.toBe(0);
      expect(uid).toBe(asRoot ? NOBODY_UID : process.getuid?.());
    }
  });

  it('has neither the dev token route nor the dev key set', async () => {
    const devToken = await fetch(`${nginx.url}/api/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADA })
    });
    expect(devToken.status).toBe(404);
    expect((await fetch(`${nginx.url}/.well-known/jwks.json`)).status).toBe(404);
  });

  it('signs in with the issuer’s tokens and refuses one for another audience', async () => {
    const sites = await fetch(`${nginx.url}/api/sites`, { headers: { authorization: `Bearer ${await token(BEN)}` } });
    expect(sites.status).toBe(200);
    const elsewhere = await fetch(`${nginx.url}/api/sites`, {
      headers: { authorization: `Bearer ${await token(BEN, { aud: 'urn:another:api' })}` }
    });
    expect(elsewhere.status).toBe(401);
  });

  it('keeps /metrics off the proxy and serves it on each instance to the scrape token', async () => {
    expect((await fetch(`${nginx.url}/metrics`)).status).toBe(404);
    for (const instance of instances) {
      expect((await fetch(`${instance.url}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
    }
  });

  it('delivers a write through either instance to an event stream held open through nginx', async () => {
    const stream = await streamThroughNginx(BEN);
    // One write on each instance: whichever instance holds the stream, one of them is the other.
    const [onFirst, onSecond] = [
      await createInteraction(instances[0].url, 'Written on the first instance'),
      await createInteraction(instances[1].url, 'Written on the second instance')
    ];
    await stream.waitFor(carries(onFirst), 'the first instance’s write on the stream');
    await stream.waitFor(carries(onSecond), 'the second instance’s write on the stream');
  });

  it('carries live co-editing through nginx’s websocket upgrade', async () => {
    const id = await createInteraction(instances[0].url, 'Edited live');
    const ada = await connectPeer({ baseUrl: nginx.url, token: await token(ADA), id });
    const ben = await connectPeer({ baseUrl: nginx.url, token: await token(BEN), id });
    peers.push(ada, ben);
    ada.doc.getText('notes').insert(0, 'Ada was here. ');
    await waitFor(() => ben.notes().startsWith('Ada was here. '), 'Ada’s edit at Ben’s', 15_000);
    ben.doc.getText('notes').insert(ben.notes().length, ' Ben too.');
    await waitFor(() => ada.notes().endsWith(' Ben too.'), 'Ben’s edit at Ada’s', 15_000);
    expect(ada.notes()).toBe(ben.notes());
  });

  it('loses nothing when the instance holding a stream stops: the client reconnects through nginx and catches up', async () => {
    const before = streamRequestsPerInstance();
    const stream = await streamThroughNginx(BEN);
    const holder = streamRequestsPerInstance().findIndex((count, index) => count > before[index]);
    expect(holder).toBeGreaterThanOrEqual(0);
    const survivor = instances[1 - holder];

    const seen = await createInteraction(survivor.url, 'Before the stop');
    const delivered = await stream.waitFor(carries(seen), 'the write before the stop');
    const { checkpoint } = JSON.parse(delivered.data) as Exclude<StreamMessage, 'RESYNC'>;

    expect(await instances[holder].stop()).toBe(0);
    await stream.ended;
    // Written while the client has no stream: only its catch-up can bring these.
    const missed = [await createInteraction(survivor.url, 'While disconnected 1'), await createInteraction(survivor.url, 'While disconnected 2')];

    const reconnected = await streamThroughNginx(BEN);
    // RESYNC: pull from the last checkpoint, through nginx, until the missed writes are in.
    const caughtUp = await waitFor(async () => {
      const response = await fetch(`${nginx.url}/api/sync/${LEEDS.id}/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=100`, {
        headers: { authorization: `Bearer ${await token(BEN)}` }
      });
      const page = (await response.json()) as PullResponse;
      const ids = page.documents.map((document) => document.id);
      return missed.every((id) => ids.includes(id)) ? ids : undefined;
    }, 'the missed writes in a pull from the checkpoint', 15_000);
    expect(caughtUp).toEqual(expect.arrayContaining(missed));

    const after = await createInteraction(survivor.url, 'After the reconnect');
    await reconnected.waitFor(carries(after), 'a new write on the reconnected stream');
  });
});
