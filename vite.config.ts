import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./playground'),
  base: './',
  resolve: {
    // The playground sees exactly the package's public API.
    alias: { 'yibao-settle': here('./src/index.ts') },
  },
  server: {
    // import.meta.glob reads the presets from ../rules, outside the playground root.
    fs: { allow: [here('.')] },
  },
  // The settle worker and Monaco's workers are ES modules: the built page loads them from
  // 'self' (no blob:, no eval), which is what the page's Content-Security-Policy allows.
  worker: { format: 'es' },
  build: {
    outDir: here('./playground-dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Monaco is large by nature; the build is for an intranet, not a mobile network.
    chunkSizeWarningLimit: 4096,
  },
  test: {
    root: here('.'),
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
