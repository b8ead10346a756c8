// Validating docker-compose.yml without a Docker engine. Where `docker compose` exists, its own
// `config -q` is the check. Elsewhere (this project's CI machines have only the docker client),
// the file is checked the way Compose itself checks it: interpolated, then validated against the
// Compose Specification's JSON Schema as shipped in compose-go (the library `docker compose`
// loads files with), fetched from the Go module proxy (a ~1 MB download, no build), plus the
// references the schema cannot see (depends_on services, named volumes). Building the Compose
// CLI from source took minutes of a fresh CI run; this takes about a second.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { parse } from 'yaml'

export const COMPOSE_GO_MODULE = 'github.com/compose-spec/compose-go/v2'
export const COMPOSE_GO_VERSION = 'v2.9.0'

/** Go from PATH, else from its usual install places (a login shell's PATH may not name it). */
function goCommand (): string | null {
  const candidates = ['go', ...(process.env.GOROOT ? [join(process.env.GOROOT, 'bin', 'go')] : []), '/usr/local/go/bin/go']
  return candidates.find((c) => spawnSync(c, ['version']).status === 0) ?? null
}

export function dockerComposeAvailable (): boolean {
  return spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0
}

/** The Compose Specification JSON Schema compose-go validates with. */
export function composeSchema (): Record<string, unknown> {
  const go = goCommand()
  if (!go) throw new Error('Neither `docker compose` nor Go (to fetch the Compose schema module) is available: install the Docker Compose plugin or Go.')
  const out = execFileSync(go, ['mod', 'download', '-json', `${COMPOSE_GO_MODULE}@${COMPOSE_GO_VERSION}`], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } })
  const info = JSON.parse(out) as { Dir?: string, Error?: string }
  if (!info.Dir) throw new Error(`go mod download ${COMPOSE_GO_MODULE}@${COMPOSE_GO_VERSION} failed: ${info.Error ?? out}`)
  return JSON.parse(readFileSync(join(info.Dir, 'schema', 'compose-spec.json'), 'utf8')) as Record<string, unknown>
}

/** Compose's variable syntax: ${VAR}, ${VAR:-default}, ${VAR-default}, $$ for a literal $. */
export function interpolate (text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, name?: string, op?: string, fallback?: string, bare?: string) => {
    if (match === '$$') return '$'
    const key = (name ?? bare)!
    const value = env[key]
    if (op === ':-') return value || (fallback ?? '')
    if (op === '-') return value ?? fallback ?? ''
    return value ?? ''
  })
}

/** Problems with a Compose file, as `docker compose config` would report them (empty: valid). */
export function composeProblems (file: string, env: Record<string, string | undefined> = {}): string[] {
  const config = parse(interpolate(readFileSync(file, 'utf8'), env)) as Record<string, unknown>
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false })
  // The schema names draft-07 by an https URL Ajv does not know it by; it is plain draft-07.
  const { $schema: _draft, ...schema } = composeSchema()
  const validate = ajv.compile(schema)
  const problems: string[] = []
  if (!validate(config)) {
    for (const e of validate.errors ?? []) problems.push(`${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`)
  }
  const services = (config.services ?? {}) as Record<string, { depends_on?: string[] | Record<string, unknown>, volumes?: Array<string | { type?: string, source?: string }> }>
  const volumes = new Set(Object.keys((config.volumes ?? {}) as object))
  for (const [name, service] of Object.entries(services)) {
    const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {})
    for (const dep of deps) if (!(dep in services)) problems.push(`service ${name} depends on undefined service ${dep}`)
    for (const v of service.volumes ?? []) {
      const source = typeof v === 'string' ? v.split(':')[0]! : v.type === 'volume' ? v.source ?? '' : ''
      if (source && !/^[./~]/.test(source) && !volumes.has(source)) problems.push(`service ${name} refers to undefined volume ${source}`)
    }
  }
  return problems
}
