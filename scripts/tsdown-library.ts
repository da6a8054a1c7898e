import type { UserConfig } from 'tsdown'

/**
 * The build every published package shares: ESM `dist/*.js` with `.d.ts` and declaration maps,
 * dependencies left external (the consumer's bundler dedupes them).
 */
export function library(config: UserConfig): UserConfig {
  return {
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    fixedExtension: false,
    dts: { sourcemap: true },
    sourcemap: false,
    clean: true,
    // Declaration emit is slow by nature; the timing note says nothing new.
    checks: { pluginTimings: false },
    ...config,
  }
}
