// `docker compose config` needs only the Compose CLI, not a Docker engine. Where the docker
// client has no compose plugin (as on this project's CI machines), the Compose v2 CLI is built
// once from its Go module into ~/.cache/whosaid/bin and used standalone as docker-compose.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'

export const COMPOSE_MODULE = 'github.com/docker/compose/v2'
export const COMPOSE_VERSION = 'v2.40.3'

/** The command that runs Compose: ['docker', 'compose'] or [path to a standalone binary]. */
export function ensureCompose (): string[] {
  if (spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0) return ['docker', 'compose']
  const bin = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'whosaid', 'bin', `docker-compose-${COMPOSE_VERSION}`)
  if (existsSync(bin)) return [bin]
  const go = goCommand()
  if (!go) {
    throw new Error('Neither `docker compose` nor Go (to build the Compose CLI) is available: install the Docker Compose plugin.')
  }
  // The module's go.mod has exclude directives, so `go install mod@version` refuses it: build
  // inside a copy of the downloaded module instead.
  const info = JSON.parse(execFileSync(go, ['mod', 'download', '-json', `${COMPOSE_MODULE}@${COMPOSE_VERSION}`], { encoding: 'utf8' })) as { Dir: string }
  const work = mkdtempSync(join(tmpdir(), 'compose-src-'))
  try {
    cpSync(info.Dir, work, { recursive: true })
    execFileSync('chmod', ['-R', 'u+w', work])
    mkdirSync(join(bin, '..'), { recursive: true })
    execFileSync(go, ['build', '-trimpath', '-o', bin, './cmd'], { cwd: work, stdio: 'inherit' })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return [bin]
}

/** Go from PATH, else from its usual install places (a login shell's PATH may not name it). */
function goCommand (): string | null {
  const candidates = ['go', ...(process.env.GOROOT ? [join(process.env.GOROOT, 'bin', 'go')] : []), '/usr/local/go/bin/go']
  return candidates.find((c) => spawnSync(c, ['version']).status === 0) ?? null
}
