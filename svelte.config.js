import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A static single-page app: every page renders in the browser from local data, and the sync
    // server answers unknown paths with index.html so deep links load offline too.
    adapter: adapter({ fallback: 'index.html', precompress: false }),
    // Registered by $lib/pwa in production builds only, so that an update waits for the user.
    serviceWorker: { register: false },
    alias: {
      $domain: 'src/lib/domain'
    }
  }
};

export default config;
