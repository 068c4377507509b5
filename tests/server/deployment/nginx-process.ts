import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, chmodSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../support/wait-for';

const NGINX = '/usr/sbin/nginx';
/** The one proxy configuration compose.yaml uses too. */
const TEMPLATE = fileURLToPath(new URL('../../../deploy/nginx/default.conf.template', import.meta.url));

export interface NginxProcess {
  url: string;
  /** The proxy's access log so far, one line per finished request with the instance that answered. */
  accessLog(): string;
  stop(): Promise<void>;
}

/**
 * Fills in the template's variables as the nginx image's envsubst does: only the names given, so
 * nginx's own `$variables` stay as they are.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Debian's nginx in the foreground with the deployment's proxy configuration, its pid file, logs
 * and temporary files in a folder of its own, listening on a loopback port.
 */
export async function startNginx(options: { port: number; upstreams: [string, string] }): Promise<NginxProcess> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: install Debian's nginx (apt-get install nginx), as .ci/run does.`);
  const dir = mkdtempSync(join(tmpdir(), 'ims-nginx-'));
  // The worker processes run as nobody and write their temporary files here.
  chmodSync(dir, 0o755);
  const site = renderTemplate(readFileSync(TEMPLATE, 'utf8'), {
    NGINX_PORT: `127.0.0.1:${options.port}`,
    IMS_SYNC_1: options.upstreams[0],
    IMS_SYNC_2: options.upstreams[1]
  });
  writeFileSync(join(dir, 'site.conf'), site);
  // What the image's own nginx.conf provides around conf.d/, with this test's paths.
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  log_format upstream '$request_method $uri $status upstream=$upstream_addr';
  access_log ${dir}/access.log upstream;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`
  );
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe']
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve();
    })
  );
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(async () => {
    if (exitCode !== undefined) throw new Error(`nginx exited with ${exitCode}: ${stderr}`);
    const health = await fetch(`${url}/api/health`).catch(() => undefined);
    return health?.status === 200;
  }, 'nginx to answer', 15_000);

  const pid = child.pid!;
  return {
    url,
    accessLog: () => readFileSync(join(dir, 'access.log'), 'utf8'),
    async stop() {
      // SIGTERM: nginx's fast stop (a graceful one would wait for the open streams and sockets); the
      // master takes its workers down with it.
      if (exitCode === undefined) process.kill(pid, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
