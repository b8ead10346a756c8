// The API under test, as a child process: the compiled build (closest to production), built by
// tsc into node_modules/.cache/whosaid-bench/ (not dist/, which other work may be using; and out
// of eslint's and git's way) whenever a file under src/ is newer than the last build. If the build fails, the API runs from source through tsx instead,
// and the results say so.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { ROOT } from './instances.js'
import { freePort, runCommand, startChild, waitForHttp, type Child } from './proc.js'
import { NODE_FLAGS } from '../../src/runtime-flags.js'

// BENCH_BUILD_DIR moves it, for a git worktree whose node_modules is a link to another
// checkout's: there the default would share (and overwrite) that checkout's build.
const BUILD_DIR = process.env.BENCH_BUILD_DIR ? resolve(process.env.BENCH_BUILD_DIR) : join(ROOT, 'node_modules', '.cache', 'whosaid-bench')
const STAMP = join(BUILD_DIR, 'stamp')

export interface ApiMode { kind: 'built' | 'tsx', note: string, buildSeconds: number | null }

function newestSource (dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/** Compiles src/ into node_modules/.cache/whosaid-bench/dist when it is out of date. */
export async function ensureBuilt (log: (line: string) => void, forceTsx = false): Promise<ApiMode> {
  if (forceTsx) return { kind: 'tsx', note: 'run from source through tsx (--tsx)', buildSeconds: null }
  const sources = Math.max(newestSource(join(ROOT, 'src')), statSync(join(ROOT, 'tsconfig.json')).mtimeMs)
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= sources && existsSync(join(BUILD_DIR, 'dist', 'src', 'start.js'))) {
    return { kind: 'built', note: `compiled build (${relative(ROOT, BUILD_DIR)}, up to date with src/)`, buildSeconds: null }
  }
  log(`Building the API (tsc -p tsconfig.build.json --outDir ${join(BUILD_DIR, 'dist')})...`)
  const started = performance.now()
  const result = await runCommand('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', join(BUILD_DIR, 'dist')], process.env)
  const seconds = (performance.now() - started) / 1000
  if (result.code !== 0 && !existsSync(join(BUILD_DIR, 'dist', 'src', 'start.js'))) {
    log(`  build failed; the API will run from source through tsx:\n${result.output.slice(0, 2000)}`)
    return { kind: 'tsx', note: 'run from source through tsx (tsc failed on the current src/)', buildSeconds: seconds }
  }
  if (result.code !== 0) log(`  tsc reported errors (emitted anyway):\n${result.output.slice(0, 1000)}`)
  writeFileSync(STAMP, new Date().toISOString() + '\n')
  return { kind: 'built', note: result.code === 0 ? `compiled build (${relative(ROOT, BUILD_DIR)})` : `compiled build (${relative(ROOT, BUILD_DIR)}; tsc reported type errors in src/)`, buildSeconds: seconds }
}

export interface ApiProcess {
  child: Child
  base: string
  /** From spawn to the first 200 from /health/ready (Neo4j already running). */
  startupMs: number
}

/** `entry` runs another build's start.js (bench:round-trips compares an earlier commit's). */
export async function startApi (mode: ApiMode, neo4jUri: string, extraEnv: Record<string, string> = {}, entry?: string): Promise<ApiProcess> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    NEO4J_URI: neo4jUri,
    NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
    NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? '',
    SEED_ON_START: 'false',
    LOG_LEVEL: 'warn',
    // Neither rate limiting nor load shedding may turn load into 429s or 503s.
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_WINDOW_MS: '1000',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    ...extraEnv,
  }
  const [command, args] = entry
    ? ['node', [...NODE_FLAGS, entry]] as const
    : mode.kind === 'built'
      ? ['node', [...NODE_FLAGS, join(BUILD_DIR, 'dist', 'src', 'start.js')]] as const
      : ['node', ['--import', 'tsx', join(ROOT, 'src', 'start.ts')]] as const
  const started = performance.now()
  const child = startChild('API', command, [...args], env)
  const base = `http://127.0.0.1:${port}`
  await waitForHttp(`${base}/health/ready`, child, 180_000, 10)
  return { child, base, startupMs: performance.now() - started }
}

/** Starts one of the bench's own servers (bench/servers/*.ts) through tsx; resolves when /ready answers. */
export async function startBenchServer (name: string, file: string, env: Record<string, string>): Promise<{ child: Child, base: string }> {
  const port = await freePort()
  const child = startChild(name, 'node', ['--import', 'tsx', join(ROOT, 'bench', 'servers', file)], {
    PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), ...env,
  })
  const base = `http://127.0.0.1:${port}`
  await waitForHttp(`${base}/ready`, child, 120_000)
  return { child, base }
}
