import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The browser benchmark's profiles set 'hidden': maps beside the scripts, the scripts unchanged.
  build: { sourcemap: process.env.BUILD_SOURCE_MAPS === 'hidden' ? 'hidden' : false },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000'
    }
  }
});
