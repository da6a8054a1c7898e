// better-sqlite3 compiles from source when its prebuilt binary cannot be downloaded. node-gyp
// then needs Node's headers; point it at the running Node's own install prefix when the headers
// there match this Node, so no header download is attempted. Never overrides an explicit setting.
const fs = require('node:fs')
const path = require('node:path')

function nodedir() {
  const prefix = path.dirname(path.dirname(process.execPath))
  const header = path.join(prefix, 'include', 'node', 'node_version.h')
  try {
    const text = fs.readFileSync(header, 'utf8')
    const v = (name) => (text.match(new RegExp(`#define ${name} (\\d+)`)) || [])[1]
    const version = `v${v('NODE_MAJOR_VERSION')}.${v('NODE_MINOR_VERSION')}.${v('NODE_PATCH_VERSION')}`
    return version === process.version ? prefix : undefined
  } catch {
    return undefined
  }
}

module.exports = {
  hooks: {
    updateConfig(config) {
      if (process.env.npm_config_nodedir) return config
      const dir = nodedir()
      if (dir) config.extraEnv = { ...(config.extraEnv || {}), npm_config_nodedir: dir }
      return config
    },
  },
}
