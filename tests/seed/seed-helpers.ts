// Shared by the seed suites: the real article, fixture folders built from it, the database
// state before and after an attempt, and the real `npm run seed` CLI as a child process.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../../src/db/db.js'
import { projectRoot } from '../../src/lib/paths.js'
import { countGraph, writeGraph, type GraphCounts, type WritePlan } from '../../src/repositories/writer.js'
import { loadSeed, seedFiles } from '../../src/services/seed-files.js'
import type { SeedIssue } from '../../src/domain/validate.js'
import { buildTestApp } from '../helpers.js'

/**
 * Seed JSON as plain data. Tests break it on purpose (wrong enums, missing fields, nulls), so it
 * cannot be typed as a valid SeedFile.
 */
export type Loose = any

export const ROOT = projectRoot()
export const SEED_DIR = join(ROOT, 'graph-seed')
export const ARTICLE_JSON = join(SEED_DIR, 'tiktok-on-defense-2022.json')
export const ARTICLE_TEXT_FILE = 'documents/tiktok-on-defense-2022.txt'
export const ARTICLE_TEXT = readFileSync(join(SEED_DIR, ARTICLE_TEXT_FILE), 'utf8')
export const ARTICLE_CODE_POINTS = Array.from(ARTICLE_TEXT)

const ARTICLE_RAW = readFileSync(ARTICLE_JSON, 'utf8')

/** A fresh deep copy of the real article's seed JSON, to break one thing in. */
export function article (): Loose {
  return JSON.parse(ARTICLE_RAW) as Loose
}

/** Every seed file under graph-seed/ (the loader's own choice of files), parsed. */
export function graphSeedFiles (): Array<{ file: string, data: Loose }> {
  return seedFiles([SEED_DIR]).map((file) => ({ file, data: JSON.parse(readFileSync(file, 'utf8')) as Loose }))
}

/** The records of every graph-seed file, concatenated, with each document's text resolved. */
export function graphSeed (): { actors: Loose[], documents: Loose[], topics: Loose[], affiliations: Loose[], statements: Loose[], texts: Map<string, string> } {
  const out = { actors: [] as Loose[], documents: [] as Loose[], topics: [] as Loose[], affiliations: [] as Loose[], statements: [] as Loose[], texts: new Map<string, string>() }
  for (const { file, data } of graphSeedFiles()) {
    for (const key of ['actors', 'documents', 'topics', 'affiliations', 'statements'] as const) out[key].push(...(data[key] ?? []))
    for (const doc of data.documents ?? []) {
      if (doc.textFile) out.texts.set(doc.id, readFileSync(join(dirname(file), doc.textFile), 'utf8'))
      else if (doc.text) out.texts.set(doc.id, doc.text)
    }
  }
  return out
}

/** The text between two code-point offsets, as the seed format defines evidence. */
export function codePointSlice (text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('')
}

export function sha256 (text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** The name the loader gives a file in its messages (relative to the working directory). */
export function shown (path: string, cwd = process.cwd()): string {
  return relative(cwd, path) || path
}

/** A temporary folder laid out like graph-seed/: the article's text under documents/. */
export class FixtureDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'whosaid-seed-'))

  constructor () {
    mkdirSync(join(this.dir, 'documents'))
    copyFileSync(join(SEED_DIR, ARTICLE_TEXT_FILE), join(this.dir, ARTICLE_TEXT_FILE))
  }

  /** Writes data as JSON (or a string as is) and returns the absolute path. */
  write (name: string, data: unknown): string {
    const path = join(this.dir, name)
    writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data, null, 2))
    return path
  }

  remove (): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/**
 * The test app with the seed CLI's transaction timeout: on a freshly started Neo4j the first
 * seed spends most of its time planning queries and can outlast the default 10 s.
 */
export function buildSeedTestApp (): Promise<FastifyInstance> {
  return buildTestApp({ NEO4J_QUERY_TIMEOUT_MS: '600000' })
}

/**
 * A one-statement seed file over `text`, in which Ana says "hello there" with the given evidence:
 * the fixture of the tests that put emoji (one code point, two UTF-16 units) before a span.
 */
export function emojiSeed (text: string, evidence: Loose): Array<{ file: string, data: Loose }> {
  return [{
    file: 'emoji.json',
    data: {
      actors: [{ id: 'ana', name: 'Ana', kind: 'person' }],
      documents: [{ id: 'emoji-doc', title: 'Emoji', kind: 'other', datePrecision: 'unknown', text }],
      statements: [{
        id: 'ana-hello',
        speakers: [{ actor: 'ana' }],
        attribution: 'direct-quote',
        verb: 'said',
        text: 'hello there',
        datePrecision: 'unknown',
        reportedIn: { document: 'emoji-doc', evidence },
      }],
    },
  }]
}

/**
 * The seed path as the CLI runs it: validate every file against the database, and write only
 * when there are no issues.
 */
export async function attemptSeed (paths: string[], db: Db): Promise<{ issues: SeedIssue[], plan?: WritePlan, rowCount: number }> {
  const seed = await loadSeed(paths, db)
  const rowCount = Object.values(seed.rows).reduce((n, rows: unknown[]) => n + rows.length, 0)
  if (seed.issues.length > 0) return { issues: seed.issues, rowCount }
  return { issues: [], plan: await writeGraph(db, seed.rows, { by: 'seed-tests' }), rowCount }
}

export interface GraphSnapshot {
  counts: GraphCounts
  /** label, id, content hash and last update of every node: changes when any record is rewritten. */
  nodes: string[]
  /** The same for affiliations, which are relationships. */
  affiliations: string[]
}

/** Everything that would change if a record were created, updated or deleted. */
export async function snapshot (db: Db): Promise<GraphSnapshot> {
  const nodes = await db.read(`
    MATCH (n) WHERE n:Actor OR n:Statement OR n:Document OR n:Topic
    RETURN labels(n)[0] + ' ' + n.id + ' ' + n.contentHash + ' ' + toString(n.updatedAt) AS key ORDER BY key`)
  const affiliations = await db.read(`
    MATCH (a:Actor)-[r:AFFILIATED_WITH]->(o:Actor)
    RETURN a.id + ' ' + r.type + ' ' + o.id + ' ' + r.contentHash + ' ' + toString(r.updatedAt) AS key ORDER BY key`)
  return {
    counts: await countGraph(db),
    nodes: nodes.map((r) => String(r.key)),
    affiliations: affiliations.map((r) => String(r.key)),
  }
}

export function totalNodes (counts: GraphCounts): number {
  return Object.values(counts.nodes).reduce((a, b) => a + b, 0)
}

export function totalRelationships (counts: GraphCounts): number {
  return Object.values(counts.relationships).reduce((a, b) => a + b, 0)
}

/** The counts the article's JSON implies, worked out from the JSON alone. */
export function expectedArticleCounts (data: Loose = article()): GraphCounts {
  const statements = data.statements as Loose[]
  const documents = data.documents as Loose[]
  const links = (type: string) => statements.reduce((n, s) => n + (s.links ?? []).filter((l: Loose) => l.type === type).length, 0)
  return {
    nodes: {
      Actor: data.actors.length,
      ActorRedirect: 0,
      Statement: statements.length,
      Document: documents.length,
      Topic: data.topics.length,
    },
    relationships: {
      SAID: statements.reduce((n, s) => n + s.speakers.length, 0),
      ABOUT: statements.reduce((n, s) => n + (s.targets ?? []).length, 0),
      ON_TOPIC: statements.reduce((n, s) => n + (s.topics ?? []).length, 0),
      REPORTED_IN: statements.length,
      ORIGINALLY_IN: statements.filter((s) => s.originalDocument).length,
      RESPONDS_TO: links('responds-to'),
      CONTRADICTS: links('contradicts'),
      SUPPORTS: links('supports'),
      REPEATS: links('repeats'),
      AFFILIATED_WITH: data.affiliations.length,
      PUBLISHED_BY: documents.filter((d) => d.publisher).length,
      AUTHORED_BY: documents.reduce((n, d) => n + (d.authors ?? []).length, 0),
      ADDRESSED_TO: documents.reduce((n, d) => n + (d.addressees ?? []).length, 0),
    },
  }
}

export interface CliResult { code: number | null, stdout: string, stderr: string }

/** Runs the real seed CLI (`npm run seed`'s entry point) against the given Neo4j. */
export function runSeedCli (args: string[], neo4jUri: string): Promise<CliResult> {
  return runTool('tools/seed.ts', args, neo4jUri)
}

/** Runs one of the CLIs under tools/ as `npm run` does, against the given Neo4j. */
export function runTool (tool: string, args: string[], neo4jUri: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', tool, ...args], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: neo4jUri, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString() })
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString() })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
