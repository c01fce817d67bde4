import { defineConfig } from 'vite';

// Built into the hub's wwwroot (the hub serves it at /); during development `npm run dev` proxies the API to a hub on :5080.
export default defineConfig({
  base: '/',
  build: {
    outDir: '../DataHub.Api/wwwroot',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: { input: { main: 'index.html', toegankelijkheid: 'toegankelijkheid.html' } },
  },
  server: { proxy: { '/api': 'http://localhost:5080' } },
});
