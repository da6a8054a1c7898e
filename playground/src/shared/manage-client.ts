import { createClient } from '@sightline/core'

/**
 * For what needs the secret key (evaluators, datasets, experiments): the demo backend's
 * `/demo/manage` forwards those routes with it, as an internal tool's backend would for its
 * signed-in admins. The page never holds the key.
 */
export const manageClient = createClient({ baseUrl: '/demo/manage' })
