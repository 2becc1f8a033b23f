import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Tauri serves ui/dist from its own protocol; nothing here reaches a network.
export default defineConfig(({ mode }) => ({
  plugins: [
    svelte(),
    // The message catalogue (messages/*.json) compiled into typed functions, one per message.
    paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide' }),
  ],
  clearScreen: false,
  server: { port: 5173, strictPort: true, host: '127.0.0.1' },
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // One bundle read from the app binary, never downloaded: its size counts in the binary and the
    // packages (scripts/bench-size.sh), not as a page load. Both languages' messages are in it.
    chunkSizeWarningLimit: 800,
  },
  // Component tests mount Svelte's browser build inside jsdom.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // One teardown for every story, instead of a copy in each test file.
    setupFiles: ['src/lib/vitest-setup.ts'],
  },
}));
