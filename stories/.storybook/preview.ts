import type { Decorator, Preview } from '@storybook/react-vite'
import { createElement } from 'react'
import '@sightline/react/styles.css'

const withTheme: Decorator = (Story, context) =>
  createElement('div', { 'data-sl-theme': String(context.globals.theme ?? 'light') }, createElement(Story))

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Sightline theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'auto', title: 'Follow the system' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [withTheme],
  parameters: {
    layout: 'padded',
    controls: { matchers: { date: /Time$/ } },
  },
}

export default preview
