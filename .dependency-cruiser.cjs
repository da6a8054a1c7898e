// Package boundaries (DESIGN.md "Layout") and no import cycles, checked by `pnpm lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Files must not import each other in a circle, type imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-nothing-of-ours',
      severity: 'error',
      comment: '@sightline/core is the base: it imports no other Sightline package.',
      from: { path: '^packages/core/' },
      to: { path: ['^packages/(?!core/)[^/]+/', '^@sightline/'] },
    },
    {
      name: 'feedback-never-react-or-server',
      severity: 'error',
      comment: 'The feedback kit is framework-free and browser-only.',
      from: { path: '^packages/feedback/' },
      to: {
        path: ['^packages/(react|server|evals)/', '^@sightline/(react|server|evals)', 'node_modules/(react|react-dom)/', '^react(-dom)?$'],
      },
    },
    {
      name: 'feedback-takes-only-types-from-core',
      severity: 'error',
      comment: 'zod must never reach the feedback bundle: only type imports from core.',
      from: { path: '^packages/feedback/src/(?!.*\\.test\\.ts$)' },
      to: { path: '^packages/core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'react-never-server',
      severity: 'error',
      comment: 'The panels talk to the server over HTTP only.',
      from: { path: '^packages/react/' },
      to: { path: ['^packages/server/', '^@sightline/server'] },
    },
    {
      name: 'server-never-ui',
      severity: 'error',
      comment: 'The server imports no UI package.',
      from: { path: '^packages/server/' },
      to: { path: ['^packages/(react|feedback)/', '^@sightline/(react|feedback)', 'node_modules/(react|react-dom)/', '^react(-dom)?$'] },
    },
    {
      name: 'react-takes-only-types-from-evals',
      severity: 'error',
      comment: 'The panels run evaluators through the server (preview); evaluator code stays out of their bundle.',
      from: { path: '^packages/react/src/' },
      to: { path: ['^packages/evals/', '^@sightline/evals'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'evals-only-core',
      severity: 'error',
      comment: 'Evaluators are isomorphic functions on core types.',
      from: { path: '^packages/evals/' },
      to: { path: '^packages/(?!(evals|core)/)[^/]+/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve names a package the importing one does not declare.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-deep-imports-across-packages',
      severity: 'error',
      comment: 'Another package is reached through its name and curated index, never a file path.',
      from: { path: '^packages/([^/]+)/' },
      to: { path: '^packages/([^/]+)/src/', pathNot: ['^packages/$1/', '^packages/[^/]+/src/(index|element/index|feedback/index)\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', 'storybook-static/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
    combinedDependencies: true,
  },
}
