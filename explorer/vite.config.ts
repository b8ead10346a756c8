// The explorer's build: explorer/ is the Vite root; the output goes to dist/explorer, which the
// API serves under /explore/ (src/routes/explore/index.ts). Hashed names let it cache for a year.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/explore/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/explorer', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Budget: all JavaScript under 300 KB gzip; the graph libraries load only with the network view.
    chunkSizeWarningLimit: 500,
  },
  server: {
    // `npx vite --config explorer/vite.config.ts` with the API on PORT (default 3000) for live editing.
    proxy: { '/v1': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
})
