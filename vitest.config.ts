import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Sandboxed runs spawn real processes; two cores make them slower than unit tests.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
