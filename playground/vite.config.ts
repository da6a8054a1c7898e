import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The Sightline server (`pnpm sightline serve --demo`) on its default port.
const server = 'http://127.0.0.1:4318'

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': server, '/demo': server },
  },
  build: {
    outDir: 'dist',
    rolldownOptions: {
      onwarn(warning, handler) {
        // "use client" directives in dependencies mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return
        handler(warning)
      },
    },
  },
})
