import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs'

// The data dir holds the keys and the database, which keeps each project's token-signing
// secret: only the owner may read them, whatever the umask.

/** Creates a directory (and missing parents) only its owner may enter. */
export function makePrivateDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
}

/** Writes a file readable by its owner only; an existing file is narrowed too. */
export function writePrivateFile(file: string, text: string) {
  writeFileSync(file, text, { mode: 0o600 })
  chmodSync(file, 0o600)
}

/** Creates `file` empty if missing; narrows it and the `extra` files that exist to their owner. */
export function ensurePrivateFiles(file: string, extra: string[] = []) {
  closeSync(openSync(file, 'a', 0o600))
  for (const f of [file, ...extra]) if (existsSync(f) && statSync(f).mode & 0o077) chmodSync(f, 0o600)
}
