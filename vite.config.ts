import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vite builds only the renderer; Node-side code (main, preload, worker, CLI) is bundled by
// esbuild in scripts/build.ts. One tool per job keeps both configs small (see README).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome140',
  },
});
