// npm run bench [-- --quick] : the whosaid benchmark (issue 6). See bench/README.md.
// Reads: for each graph size, every read endpoint under autocannon at 1/16/64 connections, beside
// the raw-driver floor (the same repository calls, no HTTP), the HTTP floor (bare Fastify, fixed
// body of the same size) and the GraphQL peer (@neo4j/graphql 7 + graphql-yoga). Writes: seeding
// CLI vs LOAD CSV vs POST /v1/import. Resources, query plans, and the targets, pass or fail.
// Results: bench/results/latest.json + README.md (quick mode: quick.json + quick.md).
import { cpus, loadavg, release, totalmem } from 'node:os'
import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command } from 'commander'
import { loadConfig } from '../src/config.js'
import { createDriver, Db } from '../src/db/db.js'
import { neo4jVersion } from '../src/local-neo4j/launcher.js'
import { ensureBuilt, startApi, startBenchServer, type ApiMode, type ApiProcess } from './lib/api.js'
import { endpoints, inRequest, otherReadEndpoints, repositories, type Endpoint } from './lib/endpoints.js'
import { existingInstance, localInstance, ROOT, seedSynthetic, serverVersion, type Neo4jInstance } from './lib/instances.js'
import { httpSlice, inProcessSlice, interleaved, pool, withCpu, type Measurement, type Variant } from './lib/measure.js'
import { profileEndpoint, type EndpointProfile } from './lib/profile.js'
import { cpuMsOf, RssSampler, rssOf, runCommand, type Child } from './lib/proc.js'
import { pickTargets } from './lib/targets.js'
import { runWrites } from './lib/writes.js'
import { EXPORT_BENCH_FORMATS, benchExport, type ExportBenchFormat } from './lib/export.js'
import { evaluateTargets, renderMarkdown } from './lib/report.js'
import { pickSweep, runSweep, type SweepCell } from './lib/sweep.js'
import { sweepChart } from './lib/chart.js'

export type { AnswerCheck, BenchResults, RunRow, SizeResult } from './lib/results.js'
import type { AnswerCheck, BenchResults, RunRow, SizeResult } from './lib/results.js'

const SIZES: Record<string, number> = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 }
const LOCAL: Record<string, { port: number, home: string, heap: string, pageCache: string }> = {
  '10k': { port: 7701, home: '.neo4j/bench-10k', heap: '512m', pageCache: '256m' },
  '100k': { port: 7702, home: '.neo4j/bench-100k', heap: '1g', pageCache: '1g' },
  // The 1M store is about 9 GB: a page cache of 4g holds the hot part (the machine has 24 GiB).
  '1m': { port: 7704, home: '.neo4j/bench-1m', heap: '3g', pageCache: '4g' },
}

interface Options {
  quick?: boolean
  formats?: string
  sizes?: string
  connections?: string
  seconds?: string
  warmup?: string
  floorSeconds?: string
  rounds?: string
  percentile: string
  hub?: boolean
  hubConnections?: string
  sweep: boolean
  sweepRequests?: string
  graphql: boolean
  reads: boolean
  writes: boolean
  profiles: boolean
  writeStatements?: string
  importStatements?: string
  million?: boolean
  millionUri?: string
  millionHome?: string
  writePort: string
  writeHeap: string
  writePagecache: string
  tsx?: boolean
  exportsOnly?: boolean
  exports: boolean
  out: string
}

const program = new Command('bench')
  .description('whosaid benchmark: read endpoints vs raw driver, HTTP floor and GraphQL peer; writes; resources; query plans')
  .option('--quick', '10k only, 1 and 16 connections, short runs, 10k-row writes: a check that finishes in minutes')
  .option('--sizes <list>', 'graph sizes: 10k,100k,1m')
  .option('--connections <list>', 'autocannon connections, e.g. 1,16,64')
  .option('--seconds <n>', 'measured seconds per run')
  .option('--warmup <n>', 'warm-up seconds before each run')
  .option('--floor-seconds <n>', 'measured seconds of the HTTP-floor runs')
  .option('--rounds <n>', 'interleaved rounds per measurement (the measured seconds are split between them)')
  .option('--percentile <n>', 'the mid-degree actor\'s percentile in the degree ranking', '95')
  .option('--hub', 'measure the hub actor too, at every size (on by default, --quick included)')
  .option('--hub-connections <list>', 'connections for the hub actor runs', '1,16')
  .option('--no-sweep', 'skip the degree sweep (actors of about 10 to 100k+ statements, the API beside the naive variant)')
  .option('--sweep-requests <n>', 'timed requests per way, endpoint and actor in the degree sweep')
  .option('--no-hub', 'skip the hub actor runs')
  .option('--no-graphql', 'skip the GraphQL peer')
  .option('--no-reads', 'skip the read benchmark')
  .option('--no-writes', 'skip the write benchmark')
  .option('--no-profiles', 'skip PROFILE of the endpoint queries')
  .option('--write-statements <n>', 'statements for seeding CLI vs LOAD CSV')
  .option('--import-statements <n>', 'statements sent through POST /v1/import')
  .option('--million', 'also time a fresh 1M-statement load through the seeding CLI (on by default in the full run)')
  .option('--no-million', 'skip the fresh 1M load')
  .option('--million-uri <uri>', 'a running Neo4j to hold the 1M graph instead of the bench\'s own (.neo4j/bench-1m, Bolt 7704)', process.env.BENCH_1M_URI)
  .option('--million-home <dir>', 'with --million-uri: home of that Neo4j, to read its pid (for its CPU time)')
  .option('--write-port <n>', 'Bolt port of the write benchmark\'s own Neo4j', '7703')
  .option('--write-heap <size>', 'heap of the write benchmark\'s Neo4j', '3g')
  .option('--write-pagecache <size>', 'page cache of the write benchmark\'s Neo4j', '4g')
  .option('--tsx', 'run the API from source through tsx instead of the compiled build')
  .option('--no-exports', 'skip GET /v1/export after the reads (minutes per format at 1M)')
  .option('--exports-only', 'per size: load the graph, start the API and measure only GET /v1/export in each format (no reads, peers, profiles or writes); writes results/export.json and export.md')
  .option('--formats <list>', `export formats to measure, in this order (default ${EXPORT_BENCH_FORMATS.join(',')})`)
  .option('--out <dir>', 'results folder', join(ROOT, 'bench', 'results'))

program.parse()
const opts = program.opts<Options>()
const quick = opts.quick === true
const list = (value: string | undefined, fallback: string): string[] => (value ?? fallback).split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
const sizes = list(opts.sizes, quick ? '10k' : '10k,100k,1m')
for (const s of sizes) if (!(s in SIZES)) throw new Error(`--sizes: unknown size ${s} (10k, 100k, 1m)`)
const connections = list(opts.connections, quick ? '1,16' : '1,16,64').map(Number)
const seconds = Number(opts.seconds ?? (quick ? 1 : 5))
const warmupSeconds = Number(opts.warmup ?? (quick ? 0.5 : 1.5))
const floorSeconds = Number(opts.floorSeconds ?? (quick ? 1 : 3))
const rounds = Number(opts.rounds ?? (quick ? 1 : 3))
const measureHub = opts.hub ?? true
// Long enough for a slow hub request to finish inside the slice.
const hubSeconds = Math.max(seconds, quick ? 2 : 5)
const hubConnections = list(opts.hubConnections, '1,16').map(Number)
const sweepRequests = Number(opts.sweepRequests ?? (quick ? 5 : 21))
const writeStatements = Number(opts.writeStatements ?? (quick ? 10_000 : 100_000))
const importStatements = Number(opts.importStatements ?? (quick ? 10_000 : 100_000))
const million = opts.million ?? !quick
const outDir = opts.out
mkdirSync(outDir, { recursive: true })
const exportsOnly = opts.exportsOnly === true
const exportFormats = list(opts.formats, EXPORT_BENCH_FORMATS.join(',')) as ExportBenchFormat[]
for (const f of exportFormats) if (!(EXPORT_BENCH_FORMATS as readonly string[]).includes(f)) throw new Error(`--formats: unknown format ${f} (${EXPORT_BENCH_FORMATS.join(', ')})`)
// An exports-only run must not overwrite the full run's results (or the quick check's).
const stem = exportsOnly ? 'export' : quick ? 'quick' : 'latest'
const markdownFile = exportsOnly ? 'export.md' : quick ? 'quick.md' : 'README.md'
const logFile = join(outDir, `${stem}.log`)
writeFileSync(logFile, '')

const runStarted = performance.now()
function log (line: string): void {
  const stamped = `[${((performance.now() - runStarted) / 1000).toFixed(0).padStart(5)} s] ${line}`
  console.log(stamped)
  appendFileSync(logFile, stamped + '\n')
}

// Everything started here is stopped on the way out, also on Ctrl-C.
const cleanups: Array<{ name: string, fn: () => Promise<void> }> = []
let cleaning: Promise<void> = Promise.resolve()
/** Stops everything registered so far, in reverse order; calls queue up (a signal during a cleanup waits for it). */
function cleanup (): Promise<void> {
  cleaning = cleaning.then(async () => {
    while (cleanups.length > 0) {
      const { name, fn } = cleanups.pop()!
      const t = performance.now()
      await fn().catch((err: unknown) => log(`cleanup of ${name}: ${String(err)}`))
      if (performance.now() - t > 3000) log(`  (stopping ${name} took ${((performance.now() - t) / 1000).toFixed(1)} s)`)
    }
  })
  return cleaning
}
process.on('SIGINT', () => { cleanup().finally(() => process.exit(130)).catch(() => {}) })
process.on('SIGTERM', () => { cleanup().finally(() => process.exit(143)).catch(() => {}) })

function pkgVersion (name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

const cpu = (m: Measurement): string => m.cpuMsPerRequest === null ? '–' : m.cpuMsPerRequest.toFixed(2)
const n4 = (m: Measurement): string => m.neo4jCpuMsPerRequest === null ? '–' : m.neo4jCpuMsPerRequest.toFixed(2)
const fmt = (m: Measurement): string => `${m.rps.toFixed(0)} req/s p50 ${m.p50.toFixed(1)} p99 ${m.p99.toFixed(1)} ms${m.errors ? ` (${m.errors} errors)` : ''}`

function itemsOf (value: unknown): number | null {
  if (!value || typeof value !== 'object') return null
  const v = value as Record<string, unknown>
  for (const key of ['items', 'groups', 'cells', 'nodes', 'paths']) if (Array.isArray(v[key])) return (v[key] as unknown[]).length
  return null
}

function graphqlItems (value: unknown): number | null {
  const data = (value as { data?: Record<string, unknown> } | null)?.data
  if (!data) return null
  let n = 0
  const count = (x: unknown): void => {
    if (Array.isArray(x)) { for (const y of x) count(y); return }
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>
      if (Array.isArray(o.edges)) { n += o.edges.length; return }
      for (const y of Object.values(o)) count(y)
    }
  }
  count(data)
  return n
}

function graphqlTarget (base: string, q: { query: string, variables: Record<string, unknown> }) {
  return { url: `${base}/graphql`, method: 'POST' as const, body: JSON.stringify({ query: q.query, variables: q.variables }), headers: { 'content-type': 'application/json', accept: 'application/json' } }
}

/**
 * Every variant of every endpoint, in turn, for `seconds` before anything is measured: a Neo4j
 * the bench has just started runs its first queries before the JVM has compiled them, and the
 * endpoints measured first paid for it (1M, mid actor's statements about, by hand: 16.8 ms of
 * Neo4j CPU per request over the first 200 requests, 4.6 ms from the third round of 200 on,
 * and the hub's, measured minutes later, 3.7 ms).
 */
async function warmUp (servers: Servers, eps: Endpoint[], seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000
  let rounds = 0
  while (performance.now() < deadline) {
    for (const ep of eps) {
      await (await fetch(servers.api.base + ep.path)).arrayBuffer()
      await ep.driver(servers.repos)
      if (servers.graphql && !('unsupported' in ep.graphql)) {
        const t = graphqlTarget(servers.graphql.base, ep.graphql)
        await (await fetch(t.url, { method: 'POST', body: t.body, headers: t.headers })).arrayBuffer()
      }
    }
    rounds++
  }
  return rounds
}

async function checkAnswers (api: ApiProcess, graphqlBase: string | null, eps: Endpoint[]): Promise<AnswerCheck[]> {
  const out: AnswerCheck[] = []
  for (const ep of eps) {
    const response = await fetch(api.base + ep.path)
    const text = await response.text()
    let items: number | null = null
    try { items = itemsOf(JSON.parse(text)) } catch {}
    let graphql: AnswerCheck['graphql']
    if ('unsupported' in ep.graphql) {
      graphql = { unsupported: ep.graphql.unsupported }
    } else if (!graphqlBase) {
      graphql = { unsupported: 'GraphQL peer not run (--no-graphql)' }
    } else {
      const t = graphqlTarget(graphqlBase, ep.graphql)
      const r = await fetch(t.url, { method: 'POST', body: t.body, headers: t.headers })
      const gtext = await r.text()
      let parsed: unknown = null
      try { parsed = JSON.parse(gtext) } catch {}
      const errors = (parsed as { errors?: Array<{ message: string }> } | null)?.errors
      graphql = { bytes: Buffer.byteLength(gtext), items: graphqlItems(parsed), errors: errors ? errors.map((e) => e.message).join('; ').slice(0, 500) : (r.status === 200 ? null : `HTTP ${r.status}`), note: ep.graphql.note }
    }
    out.push({ endpoint: ep.key, url: ep.path, status: response.status, bytes: Buffer.byteLength(text), items, graphql })
  }
  return out
}

interface Servers { apiMode: ApiMode, neo4jUri: string, incidents: string[], api: ApiProcess, floor: { child: Child, base: string }, graphql: { child: Child, base: string } | null, repos: ReturnType<typeof repositories>, neo4jPid: number | null }

const alive = (child: Child): boolean => child.proc.exitCode === null && child.proc.signalCode === null

/** Restarts the API if it is gone, logging how it ended (an incident the results report). */
async function ensureApi (s: Servers, where: string): Promise<boolean> {
  if (alive(s.api.child)) return false
  const how = `exit code ${s.api.child.proc.exitCode ?? '–'}, signal ${s.api.child.proc.signalCode ?? '–'}`
  const incident = `the API process ended (${how}) during ${where}; its last output: ${s.api.child.output().split('\n').slice(-15).join(' | ').slice(0, 3000) || '(none)'}`
  s.incidents.push(incident)
  log(`  !! ${incident}`)
  s.api = await startApi(s.apiMode, s.neo4jUri)
  const restarted = s.api
  cleanups.push({ name: 'API (restarted)', fn: () => restarted.child.stop() })
  log(`  !! API restarted (ready in ${s.api.startupMs.toFixed(0)} ms)`)
  return true
}

async function measureEndpoint (s: Servers, ep: Endpoint, answer: AnswerCheck, c: number, secs = seconds, nRounds = rounds): Promise<RunRow> {
  await ensureApi(s, `the run before ${ep.key} at ${c} connections`)
  const row = await measureOnce(s, ep, answer, c, secs, nRounds)
  // A measurement the API did not survive is not a measurement of the API: restart it, measure again.
  if (await ensureApi(s, `${ep.key} at ${c} connections`)) return measureOnce(s, ep, answer, c, secs, nRounds)
  return row
}

async function measureOnce (s: Servers, ep: Endpoint, answer: AnswerCheck, c: number, secs: number, nRounds: number): Promise<RunRow> {
  const sampler = new RssSampler(s.api.child.pid, 100)
  const neo4jCpu = (): number | null => s.neo4jPid === null ? null : cpuMsOf(s.neo4jPid)
  const variants: Variant[] = [
    {
      name: 'api',
      slice: withCpu((sec) => httpSlice({ url: s.api.base + ep.path }, c, sec), () => cpuMsOf(s.api.child.pid), neo4jCpu),
      before: () => { sampler.start() },
      after: () => { sampler.stop() },
    },
    // The driver variant runs in this process: its CPU is this process's, load generation included (little: no HTTP).
    { name: 'driver', slice: withCpu((sec) => inProcessSlice(() => inRequest(() => ep.driver(s.repos)), c, sec), () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }, neo4jCpu) },
  ]
  let graphqlUnsupported: string | null = null
  if ('unsupported' in ep.graphql) graphqlUnsupported = ep.graphql.unsupported
  else if (!s.graphql) graphqlUnsupported = 'not run (--no-graphql)'
  else if ('errors' in answer.graphql && answer.graphql.errors) graphqlUnsupported = `the GraphQL query failed: ${answer.graphql.errors}`
  else {
    const target = graphqlTarget(s.graphql.base, ep.graphql)
    const pid = s.graphql.child.pid
    variants.push({ name: 'graphql', slice: withCpu((sec) => httpSlice(target, c, sec), () => cpuMsOf(pid), neo4jCpu) })
  }
  const { results: measured, rounds: usedRounds, sliceSeconds } = await interleaved(variants, secs, warmupSeconds, nRounds)
  // The HTTP floor is not sensitive to the database's load: one run after a short warm-up.
  const floorTarget = { url: `${s.floor.base}/fixed/${answer.bytes}` }
  await httpSlice(floorTarget, c, Math.min(warmupSeconds, 1))
  const floorM = pool([await withCpu((sec) => httpSlice(floorTarget, c, sec), () => cpuMsOf(s.floor.child.pid))(floorSeconds)])
  const rss = sampler.stop()
  const api = { ...measured.get('api')!, rssPeak: rss.peak, rssMean: rss.mean }
  const driver = measured.get('driver')!
  const g = measured.get('graphql')
  const graphql: RunRow['graphql'] = g ? { ...g, bytes: 'bytes' in answer.graphql ? answer.graphql.bytes : 0 } : { unsupported: graphqlUnsupported ?? 'not run' }
  const row: RunRow = {
    endpoint: ep.key,
    title: ep.title,
    connections: c,
    api,
    driver,
    floor: { ...floorM, bytes: answer.bytes },
    graphql,
    apiVsDriver: api.rps / driver.rps,
    apiVsGraphql: g && g.rps > 0 ? api.rps / g.rps : null,
    apiVsFloor: api.rps / floorM.rps,
    rounds: usedRounds,
    sliceSeconds,
  }
  log(`    ${ep.key.padEnd(22)} c=${String(c).padEnd(2)} API ${fmt(api)} | driver ${fmt(driver)} | floor ${fmt(floorM)} | GraphQL ${g ? fmt(g) : 'n/a'} | CPU ms/req API ${cpu(api)} driver ${cpu(driver)} floor ${cpu(floorM)}${g ? ` GraphQL ${cpu(g)}` : ''}; Neo4j ${n4(api)}/${n4(driver)}${g ? `/${n4(g)}` : ''} | API/driver ${row.apiVsDriver.toFixed(2)}${row.apiVsGraphql !== null ? ` API/GraphQL ${row.apiVsGraphql.toFixed(2)}` : ''} | API RSS peak ${(api.rssPeak / 2 ** 20).toFixed(0)} MB | ${usedRounds}×${sliceSeconds.toFixed(1)} s`)
  return row
}

async function benchSize (label: string, apiMode: ApiMode, profileHere: boolean): Promise<SizeResult> {
  const statements = SIZES[label]!
  log(`== ${label}: ${statements} statements`)
  let instance: Neo4jInstance
  let startSeconds: number | null = null
  if (label === '1m' && opts.millionUri) {
    instance = existingInstance(opts.millionUri, opts.millionHome ?? null)
    log(`  using the running Neo4j at ${instance.uri} for 1M`)
  } else {
    const spec = LOCAL[label]!
    const t = performance.now()
    instance = await localInstance(spec, log)
    startSeconds = instance.started ? (performance.now() - t) / 1000 : null
    if (instance.started) cleanups.push({ name: `Neo4j ${label}`, fn: () => instance.stop() })
  }
  try {
    log(`  loading: npm run seed:synthetic -- --statements ${statements} --if-size-differs`)
    const load = await seedSynthetic(instance.uri, instance.home ? instance.home.replace(ROOT + '/', '') : instance.uri, statements, log, true)
    log(load.reused
      ? `  reused the loaded database (${load.loadSeconds !== null ? `its load took ${load.loadSeconds} s on ${load.loadedAt}` : 'loaded before this benchmark kept records'})`
      : `  loaded in ${load.loadSeconds} s (${load.statementsPerSecond} statements/s)`)

    const config = loadConfig({ ...process.env, NEO4J_URI: instance.uri })
    const driver = createDriver(config, instance.uri)
    cleanups.push({ name: 'driver', fn: () => driver.close() })
    const db = new Db(driver, config.NEO4J_DATABASE, config.NEO4J_QUERY_TIMEOUT_MS)
    const version = await serverVersion(instance.uri).catch(() => `Neo4j ${neo4jVersion()}`)
    const targets = await pickTargets(db, Number(opts.percentile))
    log(`  targets: mid ${targets.mid.id} "${targets.mid.name}" (rank ${targets.mid.rank}/${targets.ranked}, said ${targets.mid.said}, about ${targets.mid.about}); second ${targets.mid2.id}; hub ${targets.hub.id} (said ${targets.hub.said}, about ${targets.hub.about}); search word "${targets.word}"`)
    if (exportsOnly) return await exportsOfSize(label, statements, instance, startSeconds, version, load, targets, apiMode)
    const eps = endpoints({ actor: targets.mid.id, other: targets.mid2.id, word: targets.word })
    const hubEps = endpoints({ actor: targets.hub.id, other: targets.mid.id, word: targets.word }).filter((e) => e.key !== 'search')

    const api = await startApi(apiMode, instance.uri)
    cleanups.push({ name: 'API', fn: () => api.child.stop() })
    const idleRss = rssOf(api.child.pid) ?? 0
    log(`  API ready in ${api.startupMs.toFixed(0)} ms (${apiMode.kind}), idle RSS ${(idleRss / 2 ** 20).toFixed(0)} MB`)
    const floor = await startBenchServer('HTTP floor', 'http-floor.ts', {})
    cleanups.push({ name: 'HTTP floor', fn: () => floor.child.stop() })
    let graphql: Servers['graphql'] = null
    let graphqlStartupMs: number | null = null
    if (opts.graphql) {
      const t = performance.now()
      graphql = await startBenchServer('GraphQL peer', 'graphql-peer.ts', { NEO4J_URI: instance.uri, NEO4J_USER: config.NEO4J_USER, NEO4J_PASSWORD: config.NEO4J_PASSWORD, NEO4J_DATABASE: config.NEO4J_DATABASE })
      graphqlStartupMs = performance.now() - t
      cleanups.push({ name: 'GraphQL peer', fn: () => graphql!.child.stop() })
    }
    const servers: Servers = { apiMode, neo4jUri: instance.uri, incidents: [], api, floor, graphql, repos: repositories(db), neo4jPid: instance.pid }
    const answers = await checkAnswers(api, graphql?.base ?? null, eps)
    for (const a of answers) {
      const g = 'unsupported' in a.graphql ? 'GraphQL n/a' : `GraphQL ${a.graphql.bytes} B, ${a.graphql.items} items${a.graphql.errors ? ` ERRORS ${a.graphql.errors}` : ''}`
      log(`    ${a.endpoint.padEnd(22)} ${a.status} ${a.bytes} B, ${a.items ?? '-'} items | ${g}`)
      if (a.status !== 200) throw new Error(`${a.url} answered ${a.status}`)
    }
    const hubAnswers = measureHub ? await checkAnswers(api, graphql?.base ?? null, hubEps) : []
    const warmSeconds = quick ? 3 : 20
    // (the mid actor's endpoints: the hub's GraphQL queries take seconds each, or fail)
    const warmed = await warmUp(servers, eps, warmSeconds)
    log(`  warmed up: every endpoint ${warmed} times (API, driver and GraphQL) over ${warmSeconds} s`)

    const runs: RunRow[] = []
    for (const c of connections) {
      log(`  ${label}, ${c} connection(s):`)
      for (const [i, ep] of eps.entries()) runs.push(await measureEndpoint(servers, ep, answers[i]!, c))
    }
    const hub: RunRow[] = []
    if (measureHub) {
      for (const c of hubConnections) {
        log(`  ${label}, hub actor ${targets.hub.id}, ${c} connection(s):`)
        // One longer slice per variant, so that slow requests complete.
        for (const [i, ep] of hubEps.entries()) {
          try {
            hub.push(await measureEndpoint(servers, ep, hubAnswers[i]!, c, hubSeconds, 1))
          } catch (err) {
            servers.incidents.push(`hub ${ep.key} c=${c}: ${String(err).slice(0, 500)}`)
            log(`  !! hub ${ep.key} failed: ${String(err).slice(0, 300)}`)
          }
        }
      }
    }
    let sweep: SweepCell[] = []
    if (opts.sweep) {
      try {
        const picks = await pickSweep(db)
        log(`  ${label}, degree sweep: ${picks.map((p) => `${p.side} ${p.degree} (${p.id})`).join(', ')}`)
        sweep = await runSweep(db, api.base, picks, { requests: sweepRequests, warmup: 2, log })
        const svg = join(outDir, `sweep-${label}${quick ? '-quick' : ''}.svg`)
        writeFileSync(svg, sweepChart(sweep, `${label} graph (${statements} statements), p50 of ${sweepRequests} requests on one connection`))
        log(`  degree sweep chart: ${svg}`)
      } catch (err) {
        servers.incidents.push(`degree sweep: ${String(err).slice(0, 500)}`)
        log(`  !! degree sweep failed: ${String(err).slice(0, 300)}`)
      }
    }
    const profiles: EndpointProfile[] = []
    const hubProfiles: EndpointProfile[] = []
    const otherProfiles: EndpointProfile[] = []
    if (opts.profiles && profileHere) {
      log(`  PROFILE of every endpoint's queries on ${label}:`)
      const profile = async (ep: Endpoint | ReturnType<typeof otherReadEndpoints>[number], actor: string) => {
        try {
          return await profileEndpoint(db, ep, actor)
        } catch (err) {
          servers.incidents.push(`PROFILE of ${ep.key}: ${String(err).slice(0, 500)}`)
          log(`  !! PROFILE of ${ep.key} failed: ${String(err).slice(0, 300)}`)
          return null
        }
      }
      for (const ep of eps) {
        const p = await profile(ep, targets.mid.id)
        if (!p) continue
        profiles.push(p)
        log(`    ${ep.key.padEnd(22)} ${p.queries.length} queries, ${p.dbHits} db hits${p.offenders.length ? `; OFFENDERS: ${p.offenders.join('; ')}` : ''}`)
      }
      for (const ep of hubEps) {
        const p = await profile(ep, targets.hub.id)
        if (!p) continue
        hubProfiles.push(p)
        log(`    hub ${ep.key.padEnd(18)} ${p.queries.length} queries, ${p.dbHits} db hits${p.offenders.length ? `; OFFENDERS: ${p.offenders.join('; ')}` : ''}`)
      }
      for (const call of otherReadEndpoints({ actor: targets.mid.id, word: targets.word, topic: targets.topic, document: targets.document, statement: targets.statement })) {
        const p = await profile(call, targets.mid.id)
        if (!p) continue
        otherProfiles.push(p)
        log(`    ${call.path.slice(0, 60).padEnd(40)} ${p.queries.length} queries, ${p.dbHits} db hits${p.offenders.length ? `; OFFENDERS: ${p.offenders.join('; ')}` : ''}`)
      }
    }
    // Export throughput and the API's memory while it streams the whole graph in each format.
    let exports: SizeResult['exports'] = []
    try {
      if (opts.exports) exports = await benchExport({ base: api.base, pid: api.child.pid, repeat: 1, log, formats: exportFormats })
    } catch (err) {
      servers.incidents.push(`export: ${String(err).slice(0, 500)}`)
    }
    return {
      label,
      statements,
      exports,
      neo4j: instanceRecord(instance, version, startSeconds),
      load,
      targets,
      api: { startupMs: api.startupMs, idleRss, mode: apiMode.kind },
      graphqlStartupMs,
      answers,
      incidents: servers.incidents,
      runs,
      hub,
      sweep,
      profiles,
      hubProfiles,
      otherProfiles,
    }
  } finally {
    await cleanup()
  }
}

/** What a size's result records about the Neo4j it ran on. */
function instanceRecord (instance: Neo4jInstance, version: string, startSeconds: number | null): SizeResult['neo4j'] {
  return { uri: instance.uri, version, home: instance.home ? instance.home.replace(ROOT + '/', '') : null, heap: instance.heap, pageCache: instance.pageCache, startedByBench: instance.started, startSeconds, pid: instance.pid }
}

/** --exports-only: the API alone, then GET /v1/export in each format, nothing else measured. */
async function exportsOfSize (label: string, statements: number, instance: Neo4jInstance, startSeconds: number | null, version: string, load: SizeResult['load'], targets: SizeResult['targets'], apiMode: ApiMode): Promise<SizeResult> {
  const api = await startApi(apiMode, instance.uri)
  cleanups.push({ name: 'API', fn: () => api.child.stop() })
  const idleRss = rssOf(api.child.pid) ?? 0
  log(`  API ready in ${api.startupMs.toFixed(0)} ms (${apiMode.kind}), idle RSS ${(idleRss / 2 ** 20).toFixed(0)} MB`)
  const incidents: string[] = []
  let exports: SizeResult['exports'] = []
  const result = (): SizeResult => ({
    label,
    statements,
    exports,
    neo4j: instanceRecord(instance, version, startSeconds),
    load,
    targets,
    api: { startupMs: api.startupMs, idleRss, mode: apiMode.kind },
    graphqlStartupMs: null,
    answers: [],
    incidents,
    runs: [],
    hub: [],
    profiles: [],
    hubProfiles: [],
    otherProfiles: [],
  })
  try {
    // A 1M export takes minutes per format: each finished format is saved at once.
    exports = await benchExport({ base: api.base, pid: api.child.pid, repeat: 1, log, formats: exportFormats, onResult: (done) => { exports = done; savePartial?.(result()) } })
  } catch (err) {
    incidents.push(`export: ${String(err).slice(0, 500)}`)
    log(`  !! export failed: ${String(err).slice(0, 300)}`)
  }
  return result()
}

/** Set by main: saves the results with a size still being measured (marked incomplete). */
let savePartial: ((size: SizeResult) => void) | null = null

async function main (): Promise<void> {
  const date = new Date().toISOString()
  const loadavgStart = loadavg()
  log(`whosaid benchmark (${quick ? 'quick' : 'full'}): sizes ${sizes.join(', ')}; connections ${connections.join(', ')}; ${seconds} s runs after ${warmupSeconds} s warm-up`)
  const apiMode = await ensureBuilt(log, opts.tsx === true)
  log(`API: ${apiMode.note}`)
  const commit = (await runCommand('git', ['rev-parse', 'HEAD'], process.env)).output.trim()
  const dirty = (await runCommand('git', ['status', '--porcelain', '--', 'src'], process.env)).output.trim().length > 0
  const bench: BenchResults = {
    meta: {
      mode: exportsOnly ? 'exports' : quick ? 'quick' : 'full',
      complete: false,
      date,
      finished: date,
      durationSeconds: 0,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: totalmem() / 2 ** 30, kernel: release(), loadavgStart, loadavgEnd: loadavg() },
      versions: {
        node: process.version,
        neo4j: `Neo4j ${neo4jVersion()}`,
        fastify: pkgVersion('fastify'),
        'neo4j-driver': pkgVersion('neo4j-driver'),
        '@neo4j/graphql': pkgVersion('@neo4j/graphql'),
        'graphql-yoga': pkgVersion('graphql-yoga'),
        graphql: pkgVersion('graphql'),
        autocannon: pkgVersion('autocannon'),
      },
      git: { commit, dirty },
      settings: { sizes, connections, seconds, warmupSeconds, floorSeconds, rounds, hubConnections, hubSeconds },
      apiMode,
      errors: [],
    },
    sizes: [],
    writes: null,
    writesError: null,
    targets: [],
  }
  // Results are written after every step, so a run that dies still leaves what it measured
  // (marked incomplete); the last write is the complete one.
  const save = (complete: boolean): void => {
    bench.meta.complete = complete
    bench.meta.finished = new Date().toISOString()
    bench.meta.durationSeconds = (performance.now() - runStarted) / 1000
    bench.meta.machine.loadavgEnd = loadavg()
    bench.targets = evaluateTargets(bench)
    // Plans are long: the JSON keeps every plan tree, the Markdown a summary.
    writeFileSync(join(outDir, `${stem}.json`), JSON.stringify(bench, null, 2) + '\n')
    writeFileSync(join(outDir, markdownFile), renderMarkdown(bench))
  }

  savePartial = (size) => {
    const done = bench.sizes
    bench.sizes = [...done, size]
    save(false)
    bench.sizes = done
  }
  if (opts.reads) {
    const profileSize = sizes.at(-1)!
    for (const label of sizes) {
      try {
        const result = await benchSize(label, apiMode, label === profileSize)
        bench.sizes.push(result)
        bench.meta.versions.neo4j = bench.sizes[0]!.neo4j.version
      } catch (err) {
        const message = `${label}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`.slice(0, 2000)
        bench.meta.errors.push(message)
        log(`SIZE FAILED: ${message}`)
      }
      save(false)
    }
  }

  if (opts.writes && !exportsOnly) {
    try {
      bench.writes = await runWrites({
        statements: writeStatements,
        importStatements,
        importBatch: 5000,
        port: Number(opts.writePort),
        home: '.neo4j/bench-write',
        heap: opts.writeHeap,
        pageCache: opts.writePagecache,
        wipe: quick ? 'delete' : 'restart',
      }, apiMode, million ? 1_000_000 : null, log, (partial) => { bench.writes = partial; save(false) })
    } catch (err) {
      bench.writesError = err instanceof Error ? `${err.message}` : String(err)
      log(`WRITES FAILED: ${bench.writesError}`)
    }
  }

  save(true)
  log(`Results: ${join(outDir, `${stem}.json`)} and ${join(outDir, markdownFile)} (${((performance.now() - runStarted) / 60000).toFixed(1)} min)`)
  for (const t of bench.targets) log(`  ${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`)
}

try {
  await main()
} finally {
  await cleanup()
}
