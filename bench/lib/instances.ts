// The Neo4j servers the benchmark reads from: the running development server for 1M statements
// (as the brief says), and separate local instances with their own homes for smaller sizes.
// Each is loaded with the synthetic generator through `npm run seed:synthetic -- --if-size-differs`,
// which keeps a database that already holds that many statements; load times are remembered in
// bench/.state/loads.json so a reused database still reports how long its load took.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import neo4j from 'neo4j-driver'
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/launcher.js'
import { runCommand } from './proc.js'

export const ROOT = resolve(import.meta.dirname, '..', '..')
const STATE_DIR = join(ROOT, 'bench', '.state')
const LOADS_FILE = join(STATE_DIR, 'loads.json')

export interface Neo4jInstance {
  uri: string
  /** Where its data lives (null for a server we did not start from a home). */
  home: string | null
  /** Whether this run started it (and so stops it at the end). */
  started: boolean
  heap: string | null
  pageCache: string | null
  /** The server's process, when known (for its CPU time). */
  pid: number | null
  stop: () => Promise<void>
}

export interface LocalSpec { port: number, home: string, heap: string, pageCache: string }

/** Starts (or reuses) a local Neo4j with its own home; `stop` stops it only if this call started it. */
export async function localInstance (spec: LocalSpec, log: (line: string) => void): Promise<Neo4jInstance> {
  const home = resolve(ROOT, spec.home)
  const local = await startLocalNeo4j({ port: spec.port, home, heap: spec.heap, pageCache: spec.pageCache, log: (l) => log(`  ${l}`), startTimeoutMs: 300_000 })
  return {
    uri: local.uri,
    home,
    started: local.started,
    heap: spec.heap,
    pageCache: spec.pageCache,
    pid: local.pid,
    stop: async () => { if (local.started) await stopLocalNeo4j(home) },
  }
}

/**
 * A server that is already running (the development server holding the 1M graph). When `home` is
 * given and its pid file names a live process, that process's CPU time is measured too.
 */
export function existingInstance (uri: string, home: string | null = null): Neo4jInstance {
  let pid: number | null = null
  if (home) {
    try {
      const n = Number(readFileSync(join(resolve(ROOT, home), 'neo4j.pid'), 'utf8').trim())
      if (Number.isInteger(n) && n > 0 && existsSync(`/proc/${n}`)) pid = n
    } catch {}
  }
  return { uri, home: null, started: false, heap: null, pageCache: null, pid, stop: async () => {} }
}

export interface LoadRecord {
  statements: number
  /** True when this run loaded nothing because the database already held this size. */
  reused: boolean
  /** Seconds the load took (this run's, or the remembered one of the run that loaded it). */
  loadSeconds: number | null
  /** Load seconds including connecting and clearing, as the CLI prints them. */
  totalSeconds: number | null
  statementsPerSecond: number | null
  statementsPhasePerSecond: number | null
  /** When the remembered load happened (ISO). */
  loadedAt: string | null
  /** Wall time of this run's seeding command, which is short when the database was reused. */
  commandSeconds: number
  counts: string
}

type Loads = Record<string, Omit<LoadRecord, 'reused' | 'commandSeconds' | 'counts'>>

function readLoads (): Loads {
  try {
    return JSON.parse(readFileSync(LOADS_FILE, 'utf8')) as Loads
  } catch {
    return {}
  }
}

function writeLoads (loads: Loads): void {
  if (!existsSync(STATE_DIR)) mkdirSync(STATE_DIR, { recursive: true })
  writeFileSync(LOADS_FILE, JSON.stringify(loads, null, 2) + '\n')
}

const num = (m: RegExpExecArray | null, i = 1): number | null => m?.[i] !== undefined ? Number(m[i]) : null

/** Parses the synthetic CLI's summary lines. */
export function parseSeedOutput (output: string) {
  return {
    reused: /nothing loaded \(--if-size-differs\)/.test(output),
    loadSeconds: num(/written in ([\d.]+) s \(([\d.]+) s with connecting and clearing\)/.exec(output)),
    totalSeconds: num(/written in ([\d.]+) s \(([\d.]+) s with connecting and clearing\)/.exec(output), 2),
    statementsPerSecond: num(/statements\/s:\s+(\d+) over the whole load/.exec(output)),
    statementsPhasePerSecond: num(/(\d+) in the statements phase/.exec(output)),
    counts: /holds:\n([\s\S]*)$/.exec(output)?.[1]?.trim() ?? '',
  }
}

/**
 * Loads `statements` synthetic statements into the server at `uri` through the seeding CLI
 * (`npm run seed:synthetic -- --statements N --if-size-differs`), unless it holds them already.
 */
export async function seedSynthetic (uri: string, key: string, statements: number, log: (line: string) => void, ifSizeDiffers = true): Promise<LoadRecord> {
  const args = ['run', '--silent', 'seed:synthetic', '--', '--statements', String(statements), ...(ifSizeDiffers ? ['--if-size-differs'] : [])]
  const result = await runCommand('npm', args, { ...process.env, NEO4J_URI: uri, LOG_LEVEL: 'warn' }, (line) => {
    if (/^(statements \d|topics:|actors:|documents:|affiliations:|statements:|Synthetic graph|The database|Removed|Generating)/.test(line.trim())) log(`    ${line.trim()}`)
  })
  if (result.code !== 0) throw new Error(`seed:synthetic --statements ${statements} failed (exit ${result.code}):\n${result.output.slice(-3000)}`)
  const parsed = parseSeedOutput(result.output)
  const loads = readLoads()
  const stateKey = `${key} ${statements}`
  if (!parsed.reused) {
    loads[stateKey] = {
      statements,
      loadSeconds: parsed.loadSeconds,
      totalSeconds: parsed.totalSeconds,
      statementsPerSecond: parsed.statementsPerSecond,
      statementsPhasePerSecond: parsed.statementsPhasePerSecond,
      loadedAt: new Date().toISOString(),
    }
    writeLoads(loads)
  }
  const remembered = loads[stateKey]
  return {
    statements,
    reused: parsed.reused,
    loadSeconds: remembered?.loadSeconds ?? null,
    totalSeconds: remembered?.totalSeconds ?? null,
    statementsPerSecond: remembered?.statementsPerSecond ?? null,
    statementsPhasePerSecond: remembered?.statementsPhasePerSecond ?? null,
    loadedAt: remembered?.loadedAt ?? null,
    commandSeconds: result.ms / 1000,
    counts: parsed.counts,
  }
}

/** The server's version and edition. */
export async function serverVersion (uri: string): Promise<string> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''))
  try {
    const { records } = await driver.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition')
    const r = records[0]
    return r ? `${String(r.get('name'))} ${String(r.get('version'))} ${String(r.get('edition'))}` : 'unknown'
  } finally {
    await driver.close()
  }
}
