// Writes: the same synthetic rows loaded three ways into an empty database on a bench-only Neo4j
// (its own home, wiped by this benchmark): the seeding CLI (`npm run seed:synthetic`), Neo4j's own
// LOAD CSV of those rows, and POST /v1/import (NDJSON) through the API.
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServer, type Server } from 'node:http'
import { createReadStream } from 'node:fs'
import neo4j from 'neo4j-driver'
import { boltUri, startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/launcher.js'
import { countGraph, resetGraph, type GraphCounts } from '../../src/repositories/writer.js'
import { applySchema } from '../../src/db/schema.js'
import { createDriver, Db } from '../../src/db/db.js'
import { loadConfig } from '../../src/config.js'
import { generateSynthetic } from '../../tools/synthetic/generate.js'
import { generateKey, hashKey } from '../../src/lib/api-keys.js'
import type { GraphRows } from '../../src/domain/validate.js'
import { LOAD_STEPS, writeSyntheticCsv, type CsvName } from './csv.js'
import { seedSynthetic, ROOT, type LoadRecord } from './instances.js'
import { startApi, type ApiMode } from './api.js'
import { RssSampler } from './proc.js'

export interface WriteSettings {
  /** Statements for the seeding CLI and LOAD CSV comparison. */
  statements: number
  /** Statements sent through POST /v1/import. */
  importStatements: number
  /** Statements per import request. */
  importBatch: number
  port: number
  home: string
  heap: string
  pageCache: string
  /** How the database is emptied between loads: a fresh store, or deleting every node. */
  wipe: 'restart' | 'delete'
}

export interface WriteResults {
  settings: WriteSettings
  seedCli: LoadRecord & { wallSeconds: number }
  loadCsv: {
    url: string
    note: string
    csvSeconds: number
    loadSeconds: number
    statementsPerSecond: number
    steps: Array<{ file: CsvName, rows: number, seconds: number }>
    countsMatchSeedCli: boolean
    counts: GraphCounts
  }
  /** seeding CLI rate / LOAD CSV rate (over the whole load). */
  seedVsLoadCsv: number
  import: {
    statements: number
    requests: number
    bodyBytes: number
    seconds: number
    statementsPerSecond: number
    records: number
    recordsPerSecond: number
    created: number
    apiPeakRss: number
  }
  million: (LoadRecord & { wallSeconds: number }) | null
  neo4jStarts: number[]
}

type Log = (line: string) => void

class WriteInstance {
  readonly uri: string
  readonly home: string
  starts: number[] = []

  constructor (private readonly settings: WriteSettings, private readonly log: Log) {
    this.uri = boltUri(settings.port)
    this.home = join(ROOT, settings.home)
  }

  /** Stops the instance (ours), deletes its home, and starts an empty one. */
  async fresh (): Promise<void> {
    await stopLocalNeo4j(this.home)
    rmSync(this.home, { recursive: true, force: true })
    const started = performance.now()
    const local = await startLocalNeo4j({
      port: this.settings.port, home: this.home, heap: this.settings.heap, pageCache: this.settings.pageCache, log: (l) => this.log(`  ${l}`), startTimeoutMs: 300_000,
    })
    if (!local.started) throw new Error(`something else answers on ${this.uri}; the write benchmark needs that port for its own empty Neo4j (--write-port)`)
    this.starts.push((performance.now() - started) / 1000)
  }

  async empty (db: Db): Promise<void> {
    if (this.settings.wipe === 'restart') {
      await this.fresh()
    } else {
      const started = performance.now()
      await resetGraph(db)
      this.log(`  emptied the database in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
  }

  async stop (): Promise<void> {
    await stopLocalNeo4j(this.home)
  }
}

/** Finds a URL form LOAD CSV accepts for files in `dir` on this server: file:/// absolute, file:/// relative to the import dir, else http. */
async function csvUrlFor (db: Db, dir: string, importDir: string): Promise<{ url: (name: string) => string, note: string, close: () => Promise<void> }> {
  const probe = 'probe.csv'
  writeFileSync(join(dir, probe), 'a\n1\n')
  const works = async (url: string): Promise<boolean> => {
    try {
      const rows = await db.read('LOAD CSV WITH HEADERS FROM $url AS row RETURN count(*) AS n', { url })
      return Number(rows[0]?.n) === 1
    } catch {
      return false
    }
  }
  if (await works(`file://${join(dir, probe)}`)) {
    return {
      url: (name) => `file://${join(dir, name)}`,
      note: 'file:/// with an absolute path works: the embedded server has no server.directories.import, so LOAD CSV can read any file the JVM can (see the report)',
      close: async () => {},
    }
  }
  if (dir === importDir && await works(`file:///${probe}`)) {
    return { url: (name) => `file:///${name}`, note: 'file:/// relative to server.directories.import', close: async () => {} }
  }
  // LOAD CSV also reads http URLs: serve the folder from this process on loopback.
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1))
    if (!/^[A-Za-z]+\.csv$/.test(name) || !existsSync(join(dir, name))) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/csv' })
    createReadStream(join(dir, name)).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    note: 'file:/// URLs are refused by this server; the CSV files are served over http://127.0.0.1 by the benchmark',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

const sameCounts = (a: GraphCounts, b: GraphCounts): boolean => JSON.stringify(a) === JSON.stringify(b)

// ---- POST /v1/import bodies: the same synthetic rows in the graph-seed format, as NDJSON.

const omitNull = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as Partial<T>

function ndjson<T> (key: string, items: T[], perLine: number): string {
  const lines: string[] = []
  for (let i = 0; i < items.length; i += perLine) lines.push(JSON.stringify({ [key]: items.slice(i, i + perLine) }))
  return lines.join('\n') + '\n'
}

/** The import requests, in order: actors/topics/affiliations, documents (with their text), statements. */
async function importBodies (statements: number, batch: number): Promise<Array<{ body: string, statements: number, records: number }>> {
  const texts = new Map<string, string>()
  const rows: GraphRows = { topics: [], actors: [], documents: [], affiliations: [], statements: [] }
  for await (const b of generateSynthetic({ statements, seed: 42, batchSize: 5000, onDocumentText: (id, text) => texts.set(id, text) })) {
    for (const kind of Object.keys(rows) as Array<keyof GraphRows>) (rows[kind] as unknown[]).push(...(b.rows[kind] as unknown[]))
  }
  const bodies: Array<{ body: string, statements: number, records: number }> = []
  const topics = rows.topics.map((t) => ({ id: t.id, name: t.name }))
  const actors = rows.actors.map((a) => omitNull({ id: a.id, name: a.name, kind: a.kind, aliases: a.aliases, description: a.description }))
  const affiliations = rows.affiliations.map((a) => omitNull({ actor: a.actor, organisation: a.organisation, type: a.type, role: a.role, since: a.since, until: a.until }))
  bodies.push({ body: ndjson('topics', topics, 500) + ndjson('actors', actors, 500) + ndjson('affiliations', affiliations, 500), statements: 0, records: topics.length + actors.length + affiliations.length })
  const documents = rows.documents.map((d) => omitNull({
    id: d.id,
    title: d.title,
    kind: d.kind,
    date: d.date,
    datePrecision: d.datePrecision,
    url: d.url,
    note: d.note,
    publisher: d.publisher,
    authors: d.authors,
    addressees: d.addressees,
    text: texts.get(d.id) ?? null,
  }))
  const docBatch = Math.max(1, Math.round(batch / 2))
  for (let i = 0; i < documents.length; i += docBatch) {
    const part = documents.slice(i, i + docBatch)
    bodies.push({ body: ndjson('documents', part, 250), statements: 0, records: part.length })
  }
  const seedStatements = rows.statements.map((s) => omitNull({
    id: s.id,
    attribution: s.attribution,
    verb: s.verb,
    text: s.text,
    date: s.date,
    datePrecision: s.datePrecision,
    note: s.note,
    speakers: s.speakers.map((sp) => omitNull({ actor: sp.actor, role: sp.role })),
    targets: s.targets,
    topics: s.topics,
    reportedIn: { document: s.document, evidence: { start: s.evidence.start, end: s.evidence.end, text: s.evidence.text, before: s.evidence.before, after: s.evidence.after } },
    originalDocument: s.originalDocument,
    links: s.links,
  }))
  for (let i = 0; i < seedStatements.length; i += batch) {
    const part = seedStatements.slice(i, i + batch)
    bodies.push({ body: ndjson('statements', part, 250), statements: part.length, records: part.length })
  }
  return bodies
}

export async function runWrites (settings: WriteSettings, apiMode: ApiMode, million: number | null, log: Log, progress: (partial: WriteResults) => void = () => {}): Promise<WriteResults> {
  const config = loadConfig({ ...process.env, NEO4J_URI: boltUri(settings.port) })
  const instance = new WriteInstance(settings, log)
  let driver: ReturnType<typeof createDriver> | undefined
  try {
    // 1. The seeding CLI into an empty database.
    log(`Writes: empty bench Neo4j at ${instance.uri} (home ${settings.home}, heap ${settings.heap}, page cache ${settings.pageCache})`)
    await instance.fresh()
    driver = createDriver(config, instance.uri)
    const db = new Db(driver, 'neo4j', 600_000)
    log(`  seeding CLI: npm run seed:synthetic -- --statements ${settings.statements}`)
    let wall = performance.now()
    const seedRecord = await seedSynthetic(instance.uri, 'bench-write', settings.statements, log, false)
    const seedCli = { ...seedRecord, wallSeconds: (performance.now() - wall) / 1000 }
    const seedCounts = await countGraph(db)

    // 2. LOAD CSV of the same rows into an empty database (same schema first, as the CLI applies it).
    log('  LOAD CSV: writing the same rows as CSV...')
    await instance.empty(db)
    await applySchema(db)
    const csvDir = join(instance.home, 'import')
    let t = performance.now()
    const csvRows = await writeSyntheticCsv(csvDir, settings.statements)
    const csvSeconds = (performance.now() - t) / 1000
    const access = await csvUrlFor(db, csvDir, csvDir)
    log(`  LOAD CSV from ${access.url('x.csv').replace('x.csv', '')} (${access.note})`)
    const steps: WriteResults['loadCsv']['steps'] = []
    const loadStarted = performance.now()
    for (const step of LOAD_STEPS) {
      t = performance.now()
      const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.WRITE })
      try {
        // CALL ... IN TRANSACTIONS needs an auto-commit transaction.
        await session.run(step.cypher, { url: access.url(`${step.file}.csv`), now: new Date().toISOString(), by: 'load-csv' })
      } finally {
        await session.close()
      }
      steps.push({ file: step.file, rows: csvRows[step.file], seconds: (performance.now() - t) / 1000 })
      log(`    ${step.file}: ${csvRows[step.file]} rows in ${steps.at(-1)!.seconds.toFixed(1)} s`)
    }
    const loadSeconds = (performance.now() - loadStarted) / 1000
    await access.close()
    const csvCounts = await countGraph(db)
    const loadCsv = {
      url: access.url('<file>.csv'),
      note: access.note,
      csvSeconds,
      loadSeconds,
      statementsPerSecond: settings.statements / loadSeconds,
      steps,
      countsMatchSeedCli: sameCounts(seedCounts, csvCounts),
      counts: csvCounts,
    }
    log(`  LOAD CSV: ${settings.statements} statements in ${loadSeconds.toFixed(1)} s (${Math.round(loadCsv.statementsPerSecond)}/s); same counts as the CLI: ${loadCsv.countsMatchSeedCli}`)
    rmSync(csvDir, { recursive: true, force: true })

    // 3. POST /v1/import (NDJSON) into an empty database, through the API.
    log(`  POST /v1/import: ${settings.importStatements} statements in requests of ${settings.importBatch}...`)
    await instance.empty(db)
    const bodies = await importBodies(settings.importStatements, settings.importBatch)
    const key = generateKey()
    const api = await startApi(apiMode, instance.uri, { API_KEYS: `bench:write:${hashKey(key)}`, IMPORT_BODY_LIMIT_BYTES: String(200 * 1024 * 1024) })
    const sampler = new RssSampler(api.child.pid, 200).start()
    let created = 0
    let bodyBytes = 0
    const importStarted = performance.now()
    try {
      for (const [i, b] of bodies.entries()) {
        bodyBytes += Buffer.byteLength(b.body)
        const response = await fetch(`${api.base}/v1/import`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
          body: b.body,
          signal: AbortSignal.timeout(900_000),
        })
        const answer = await response.json() as { created?: number, rejections?: unknown[], detail?: string }
        if (response.status !== 200) {
          throw new Error(`import request ${i + 1} answered ${response.status}: ${JSON.stringify(answer).slice(0, 1500)}`)
        }
        created += answer.created ?? 0
      }
    } finally {
      wall = performance.now()
      await api.child.stop()
    }
    const importSeconds = (wall - importStarted) / 1000
    const rss = sampler.stop()
    const records = bodies.reduce((n, b) => n + b.records, 0)
    const importResult = {
      statements: settings.importStatements,
      requests: bodies.length,
      bodyBytes,
      seconds: importSeconds,
      statementsPerSecond: settings.importStatements / importSeconds,
      records,
      recordsPerSecond: records / importSeconds,
      created,
      apiPeakRss: rss.peak,
    }
    log(`  import: ${settings.importStatements} statements (${records} records, ${bodies.length} requests) in ${importSeconds.toFixed(1)} s (${Math.round(importResult.statementsPerSecond)} statements/s)`)

    const partial: WriteResults = {
      settings,
      seedCli,
      loadCsv,
      seedVsLoadCsv: (seedCli.statementsPerSecond ?? 0) / loadCsv.statementsPerSecond,
      import: importResult,
      million: null,
      neo4jStarts: instance.starts,
    }
    progress(partial)

    // 4. Optionally, a full 1M load through the seeding CLI (the "1M in under 5 minutes" target).
    let millionLoad: WriteResults['million'] = null
    if (million) {
      log(`  seeding CLI, ${million} statements into an empty database...`)
      await driver.close()
      driver = undefined
      await instance.fresh()
      wall = performance.now()
      const record = await seedSynthetic(instance.uri, 'bench-write', million, log, false)
      millionLoad = { ...record, wallSeconds: (performance.now() - wall) / 1000 }
    }

    return { ...partial, million: millionLoad }
  } finally {
    await driver?.close()
    await instance.stop()
    // The store is rebuilt on every run; leave no gigabytes of it behind.
    rmSync(instance.home, { recursive: true, force: true })
  }
}
