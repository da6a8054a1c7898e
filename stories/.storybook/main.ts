import type { StorybookConfig } from '@storybook/react-vite'

const config: StorybookConfig = {
  stories: ['../*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  // Builds must work offline and print nothing that is not ours.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal(viteConfig) {
    const build = (viteConfig.build ??= {})
    // Storybook's own preview runtime is a ~1.1 MB chunk; size budgets are checked on the packages.
    build.chunkSizeWarningLimit = Math.max(build.chunkSizeWarningLimit ?? 0, 1600)
    const rolldownOptions = (build.rolldownOptions ??= {})
    const previous = rolldownOptions.onwarn
    rolldownOptions.onwarn = (warning, handler) => {
      // "use client" directives in radix/react-query: meaningless outside React Server Components.
      if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return
      if (previous) previous(warning, handler)
      else handler(warning)
    }
    return viteConfig
  },
}

export default config
