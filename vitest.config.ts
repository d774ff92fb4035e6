import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node: nothing here needs the Electron binary.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Transformed by Vitest (not loaded natively), so a test can fake the `electron` module it imports.
    server: { deps: { inline: ['electron-store'] } },
  },
});
