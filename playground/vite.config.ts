import react from '@vitejs/plugin-react'
import { defineConfig, type ProxyOptions } from 'vite'

// The Sightline server (`pnpm sightline serve --demo`) on its default port.
const server = 'http://127.0.0.1:4318'

/**
 * The dev server stands in for the Sightline server's own origin, which the server takes from where
 * it is bound, not from the Host header: this page's requests reach it as the server's own
 * (Vite's allowedHosts keeps other names off the dev server). Other pages' origins pass unchanged.
 */
const asServersOwn: ProxyOptions = {
  target: server,
  changeOrigin: true,
  configure: (proxy) =>
    proxy.on('proxyReq', (proxyReq, req) => {
      if (req.headers.origin === `http://${req.headers.host}`) proxyReq.setHeader('origin', server)
    }),
}

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': asServersOwn, '/demo': asServersOwn },
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
