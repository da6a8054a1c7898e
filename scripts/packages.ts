// The published packages: every packages/* that is not private, packed as a user would get them.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')
/** where `pnpm pack:all` leaves the tarballs */
export const PACK_DIR = join(ROOT, '.packs')

export interface PublicPackage {
  name: string
  dir: string
  version: string
}

export function publicPackages(): PublicPackage[] {
  return readdirSync(join(ROOT, 'packages'))
    .map((d) => ({ dir: join(ROOT, 'packages', d), manifest: JSON.parse(readFileSync(join(ROOT, 'packages', d, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, version: manifest.version }))
}

/** `@sightline/react` 0.1.0 → sightline-react-0.1.0.tgz, as pnpm pack names it */
export function tarballPath(pkg: PublicPackage): string {
  return join(PACK_DIR, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`)
}

/** Packs every public package (its build must have run) with pnpm, which applies publishConfig and replaces workspace: ranges. */
export function packAll(): string[] {
  rmSync(PACK_DIR, { recursive: true, force: true })
  mkdirSync(PACK_DIR, { recursive: true })
  return publicPackages().map((pkg) => {
    execFileSync('pnpm', ['pack', '--pack-destination', PACK_DIR], { cwd: pkg.dir, stdio: ['ignore', 'ignore', 'inherit'] })
    return tarballPath(pkg)
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of packAll()) console.log(file)
}
