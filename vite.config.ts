import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

/** The SPA lives in client/; the Express server serves the built files from dist/client. */
export default defineConfig({
  root: 'client',
  plugins: [vue()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
