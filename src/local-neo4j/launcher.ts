// The embedded default: runs the real Neo4j Community engine, resolved from Maven Central,
// as a detached JVM on 127.0.0.1. Nothing here is a stand-in: the jars are the ones the
// Neo4j server distribution ships, started through the embedded API with Bolt enabled.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import neo4j from 'neo4j-driver'
import { projectRoot } from '../lib/paths.js'
import type { Config } from '../config.js'

let pomVersion: string | undefined

/**
 * The Neo4j version pom.xml pins, read when a local server is first needed: an API that is given
 * NEO4J_URI (the Docker image) never reads it, so it ships no Java sources.
 */
export function neo4jVersion (): string {
  pomVersion ??= readPomVersion()
  return pomVersion
}

export interface LocalNeo4jOptions {
  /** Bolt port on 127.0.0.1. */
  port: number
  /** Folder that holds this instance's data, logs, settings and pid file. */
  home: string
  /** JVM heap, e.g. "1g". */
  heap: string
  /** Neo4j page cache, e.g. "1g". */
  pageCache: string
  /** Where the resolved jars are cached; shared by every checkout of this user. */
  cacheDir?: string
  /** How long to wait for Bolt to answer a query. */
  startTimeoutMs?: number
  log?: (line: string) => void
}

export interface LocalNeo4jStatus {
  running: boolean
  pid: number | null
  uri: string
  home: string
}

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError'
}

const here = dirname(new URL(import.meta.url).pathname)

function sourceDir (): string {
  // In dist/ the .ts is compiled but pom.xml and the Java file stay in src/.
  const candidate = join(projectRoot(), 'src', 'local-neo4j')
  return existsSync(join(candidate, 'pom.xml')) ? candidate : here
}

function readPomVersion (): string {
  const pom = readFileSync(join(sourceDir(), 'pom.xml'), 'utf8')
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom)
  if (!match?.[1]) throw new LocalNeo4jError('src/local-neo4j/pom.xml has no <neo4j.version>')
  return match[1]
}

export function defaultCacheDir (): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache')
  return join(base, 'whosaid', `neo4j-${neo4jVersion()}`)
}

export function boltUri (port: number): string {
  return `bolt://127.0.0.1:${port}`
}

function javaBin (): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
}

function javacBin (): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'javac') : 'javac'
}

const ALTERNATIVES =
  'Alternatives: run `docker compose up` (see docker-compose.yml), or set NEO4J_URI to an existing Neo4j 5 server.'

/** Checks Java 17+ (javac included) and Maven, with one message that says what to do. */
export function checkPrerequisites (): void {
  const java = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' })
  const javac = spawnSync(javacBin(), ['-version'], { encoding: 'utf8' })
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' })
  const missing: string[] = []
  if (java.error || java.status !== 0) {
    missing.push('Java 17+ (a JDK, e.g. `apt-get install openjdk-17-jdk-headless`)')
  } else {
    const major = Number(/version "(\d+)/.exec(java.stderr)?.[1] ?? '0')
    if (major < 17) missing.push(`Java 17+ (found Java ${major})`)
    else if (javac.error || javac.status !== 0) missing.push('a JDK with javac (found a JRE only)')
  }
  if (mvn.error || mvn.status !== 0) missing.push('Apache Maven 3.6+ (e.g. `apt-get install maven`)')
  if (missing.length > 0) {
    throw new LocalNeo4jError(
      `The embedded Neo4j needs ${missing.join(' and ')} on PATH (or JAVA_HOME). ${ALTERNATIVES}`
    )
  }
}

/** Resolves the Neo4j jars into the cache (once) and compiles the tiny launcher class. */
export function ensureRuntime (cacheDir = defaultCacheDir(), log: (l: string) => void = () => {}): string {
  const lib = join(cacheDir, 'lib')
  const classes = join(cacheDir, 'classes')
  const marker = join(cacheDir, '.complete')
  const javaSrc = join(sourceDir(), 'WhosaidNeo4j.java')
  const srcStamp = readFileSync(javaSrc, 'utf8').length.toString()
  if (existsSync(marker) && readFileSync(marker, 'utf8') === srcStamp && existsSync(join(classes, 'WhosaidNeo4j.class'))) {
    return cacheDir
  }
  checkPrerequisites()
  mkdirSync(cacheDir, { recursive: true })
  if (!existsSync(lib) || readdirSync(lib).length === 0) {
    log(`Resolving Neo4j ${neo4jVersion()} from Maven Central into ${lib} (first run only)...`)
    const mvn = spawnSync('mvn', [
      '-q', '-B', '-f', join(sourceDir(), 'pom.xml'),
      'dependency:copy-dependencies', `-DoutputDirectory=${lib}`, '-DincludeScope=runtime',
    ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    if (mvn.status !== 0) {
      rmSync(lib, { recursive: true, force: true })
      throw new LocalNeo4jError(
        `Maven could not resolve org.neo4j:neo4j:${neo4jVersion()}:\n${(mvn.stdout + mvn.stderr).trim().slice(-2000)}\n${ALTERNATIVES}`
      )
    }
  }
  mkdirSync(classes, { recursive: true })
  const javac = spawnSync(javacBin(), ['-d', classes, '-cp', join(lib, '*'), javaSrc], { encoding: 'utf8' })
  if (javac.status !== 0) {
    throw new LocalNeo4jError(`javac failed on ${javaSrc}:\n${javac.stderr}`)
  }
  writeFileSync(marker, srcStamp)
  return cacheDir
}

function pidFile (home: string): string {
  return join(home, 'neo4j.pid')
}

function readPid (home: string): number | null {
  try {
    const pid = Number(readFileSync(pidFile(home), 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

function alive (pid: number | null): pid is number {
  if (pid === null) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** True when a Bolt server on the port answers `RETURN 1`. */
export async function boltAnswers (port: number, timeoutMs = 2000): Promise<boolean> {
  const driver = neo4j.driver(boltUri(port), neo4j.auth.basic('neo4j', 'unused'), {
    connectionTimeout: timeoutMs,
    connectionAcquisitionTimeout: timeoutMs,
    maxConnectionPoolSize: 1,
    // A probe: one attempt, no retries, so a dead server is noticed at once.
    maxTransactionRetryTime: 0,
    logging: { level: 'error', logger: () => {} },
  })
  try {
    await driver.executeQuery('RETURN 1 AS ok')
    return true
  } catch {
    return false
  } finally {
    await driver.close()
  }
}

function settings (opts: LocalNeo4jOptions): string {
  const lines = [
    '# Written by src/local-neo4j/launcher.ts at every start; edits are overwritten.',
    'server.bolt.enabled=true',
    `server.bolt.listen_address=127.0.0.1:${opts.port}`,
    `server.bolt.advertised_address=127.0.0.1:${opts.port}`,
    // Bound to loopback only, so the local development server runs without auth.
    'dbms.security.auth_enabled=false',
    // The machine is 2 cores / 24 GiB shared with the API and the tests: the defaults would
    // size the page cache from total RAM, so both memory pools are pinned explicitly.
    `server.memory.pagecache.size=${opts.pageCache}`,
    'dbms.memory.transaction.total.max=1g',
    'db.memory.transaction.max=512m',
    // Never phone home: the machine has no network but package registries.
    'dbms.usage_report.enabled=false',
    // Bolt waits 5 s + 5 s for connections and threads at shutdown by default; a local
    // development server has nothing to drain, and Ctrl-C should not hang for ten seconds.
    'internal.server.bolt.connection_shutdown_wait_time=1s',
    'internal.server.bolt.thread_pool_shutdown_wait_time=1s',
  ]
  return lines.join('\n') + '\n'
}

/**
 * Starts the local Neo4j, or reuses the one already answering on the port.
 * Resolves once Bolt answers a query. `started` says whether this call started it.
 */
export async function startLocalNeo4j (opts: LocalNeo4jOptions): Promise<{ uri: string, pid: number | null, started: boolean }> {
  const log = opts.log ?? (() => {})
  const home = resolve(opts.home)
  const uri = boltUri(opts.port)
  const existing = readPid(home)
  if (await boltAnswers(opts.port)) {
    log(`Neo4j already answers on ${uri}; reusing it.`)
    return { uri, pid: alive(existing) ? existing : null, started: false }
  }
  if (alive(existing)) {
    // Started by an earlier call that has not finished booting: wait for it rather than start twice.
    log(`Neo4j (pid ${existing}) is still starting; waiting for ${uri}...`)
    await waitForBolt(opts.port, existing, home, opts.startTimeoutMs ?? 180_000)
    return { uri, pid: existing, started: false }
  }
  const cacheDir = ensureRuntime(opts.cacheDir ?? defaultCacheDir(), log)
  mkdirSync(home, { recursive: true })
  const conf = join(home, 'neo4j.properties')
  writeFileSync(conf, settings(opts))
  const logPath = join(home, 'neo4j.log')
  const out = openSync(logPath, 'a')
  const child = spawn(javaBin(), [
    `-Xms${opts.heap}`, `-Xmx${opts.heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    // Neo4j's own launcher opens these modules; the embedded engine needs the same.
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-cp', `${join(cacheDir, 'classes')}:${join(cacheDir, 'lib', '*')}`,
    'WhosaidNeo4j', home, conf,
  ], { detached: true, stdio: ['ignore', out, out] })
  closeSync(out)
  if (child.pid === undefined) throw new LocalNeo4jError(`Could not start ${javaBin()}`)
  writeFileSync(pidFile(home), String(child.pid))
  child.unref()
  log(`Starting Neo4j ${neo4jVersion()} (pid ${child.pid}) on ${uri}, data in ${home}...`)
  await waitForBolt(opts.port, child.pid, home, opts.startTimeoutMs ?? 180_000)
  log(`Neo4j is ready on ${uri}.`)
  return { uri, pid: child.pid, started: true }
}

async function waitForBolt (port: number, pid: number, home: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await boltAnswers(port)) return
    if (!alive(pid)) {
      rmSync(pidFile(home), { force: true })
      throw new LocalNeo4jError(`Neo4j exited before Bolt answered. Last log lines:\n${tail(join(home, 'neo4j.log'))}`)
    }
    await sleep(500)
  }
  throw new LocalNeo4jError(`Neo4j did not answer on port ${port} within ${timeoutMs} ms. Last log lines:\n${tail(join(home, 'neo4j.log'))}`)
}

function tail (path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/** Stops the instance whose pid file is in `home`; resolves once the process has exited. */
export async function stopLocalNeo4j (home: string, timeoutMs = 60_000): Promise<boolean> {
  const pid = readPid(resolve(home))
  if (!alive(pid)) {
    rmSync(pidFile(resolve(home)), { force: true })
    return false
  }
  process.kill(pid, 'SIGTERM')
  const deadline = Date.now() + timeoutMs
  while (alive(pid) && Date.now() < deadline) await sleep(200)
  if (alive(pid)) process.kill(pid, 'SIGKILL')
  while (alive(pid)) await sleep(100)
  rmSync(pidFile(resolve(home)), { force: true })
  return true
}

export async function statusLocalNeo4j (home: string, port: number): Promise<LocalNeo4jStatus> {
  const pid = readPid(resolve(home))
  return { running: await boltAnswers(port), pid: alive(pid) ? pid : null, uri: boltUri(port), home: resolve(home) }
}

/** The local Neo4j's options as configured (NEO4J_LOCAL_*). */
export function localOptions (config: Config, log?: (line: string) => void): LocalNeo4jOptions {
  return {
    port: config.NEO4J_LOCAL_PORT,
    home: config.NEO4J_LOCAL_HOME,
    heap: config.NEO4J_LOCAL_HEAP,
    pageCache: config.NEO4J_LOCAL_PAGECACHE,
    ...(log ? { log } : {}),
  }
}
