// The synthetic rows as CSV files, and the LOAD CSV statements that load them the way
// src/repositories/writer.ts writes them: the same nodes (MERGE on id), properties (createdAt/By,
// updatedAt/By, contentHash...), relationships and relationship properties, 5000 rows per
// transaction (the seeding CLI's default batch).
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { join } from 'node:path'
import { once } from 'node:events'
import { generateSynthetic } from '../../tools/synthetic/generate.js'

type Cell = string | number | null | undefined

/** RFC 4180 field: null is an empty unquoted field (LOAD CSV reads it as null), text is quoted. */
function field (value: Cell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  return '"' + value.replace(/"/g, '""') + '"'
}

class CsvFile {
  private readonly stream: WriteStream
  rows = 0
  private buffer: string[] = []

  constructor (readonly path: string, header: string[]) {
    this.stream = createWriteStream(path)
    this.buffer.push(header.join(','))
  }

  async add (cells: Cell[]): Promise<void> {
    this.buffer.push(cells.map(field).join(','))
    this.rows++
    if (this.buffer.length >= 2000) await this.flush()
  }

  async flush (): Promise<void> {
    if (this.buffer.length === 0) return
    const ok = this.stream.write(this.buffer.join('\n') + '\n')
    this.buffer = []
    if (!ok) await once(this.stream, 'drain')
  }

  async close (): Promise<void> {
    await this.flush()
    this.stream.end()
    await once(this.stream, 'finish')
  }
}

export const CSV_FILES = {
  topics: ['id', 'name', 'contentHash'],
  actors: ['id', 'name', 'kind', 'aliases', 'aliasText', 'description', 'contentHash'],
  documents: ['id', 'title', 'kind', 'date', 'datePrecision', 'dateStart', 'dateEnd', 'url', 'note', 'textHash', 'contentHash'],
  publishedBy: ['document', 'actor'],
  authoredBy: ['document', 'actor', 'position'],
  addressedTo: ['document', 'actor'],
  affiliations: ['actor', 'organisation', 'type', 'role', 'since', 'until', 'contentHash'],
  statements: ['id', 'attribution', 'verb', 'text', 'date', 'datePrecision', 'dateStart', 'dateEnd', 'note', 'contentHash'],
  said: ['statement', 'actor', 'role', 'position'],
  about: ['statement', 'actor', 'stance'],
  onTopic: ['statement', 'topic'],
  reportedIn: ['statement', 'document', 'start', 'end', 'text', 'before', 'after', 'documentHash'],
  originallyIn: ['statement', 'document'],
  links: ['from', 'type', 'to'],
} as const

export type CsvName = keyof typeof CSV_FILES

/** Writes the synthetic graph of `statements` statements (seed 42, as the CLI) as CSV files into `dir`. */
export async function writeSyntheticCsv (dir: string, statements: number, seed = 42): Promise<Record<CsvName, number>> {
  mkdirSync(dir, { recursive: true })
  const files = Object.fromEntries(Object.entries(CSV_FILES).map(([name, header]) => [name, new CsvFile(join(dir, `${name}.csv`), [...header])])) as Record<CsvName, CsvFile>
  for await (const batch of generateSynthetic({ statements, seed, batchSize: 5000 })) {
    const r = batch.rows
    for (const t of r.topics) await files.topics.add([t.id, t.name, t.contentHash])
    for (const a of r.actors) {
      await files.actors.add([a.id, a.name, a.kind, a.aliases.length ? a.aliases.join('|') : null, a.aliasText, a.description, a.contentHash])
    }
    for (const d of r.documents) {
      await files.documents.add([d.id, d.title, d.kind, d.date, d.datePrecision, d.dateStart, d.dateEnd, d.url, d.note, d.textHash, d.contentHash])
      if (d.publisher) await files.publishedBy.add([d.id, d.publisher])
      for (const [i, a] of d.authors.entries()) await files.authoredBy.add([d.id, a, i])
      for (const a of d.addressees) await files.addressedTo.add([d.id, a])
    }
    for (const a of r.affiliations) await files.affiliations.add([a.actor, a.organisation, a.type, a.role, a.since, a.until, a.contentHash])
    for (const s of r.statements) {
      await files.statements.add([s.id, s.attribution, s.verb, s.text, s.date, s.datePrecision, s.dateStart, s.dateEnd, s.note, s.contentHash])
      for (const sp of s.speakers) await files.said.add([s.id, sp.actor, sp.role, sp.position])
      for (const t of s.targets) await files.about.add([s.id, t.actor, t.stance])
      for (const t of s.topics) await files.onTopic.add([s.id, t])
      const e = s.evidence
      await files.reportedIn.add([s.id, s.document, e.start, e.end, e.text, e.before, e.after, e.documentHash])
      if (s.originalDocument) await files.originallyIn.add([s.id, s.originalDocument])
      for (const l of s.links) await files.links.add([s.id, l.type, l.statement])
    }
  }
  for (const f of Object.values(files)) await f.close()
  return Object.fromEntries(Object.entries(files).map(([name, f]) => [name, f.rows])) as Record<CsvName, number>
}

const TX = 'IN TRANSACTIONS OF 5000 ROWS'
const STAMP = 'createdAt: datetime($now), createdBy: $by, updatedAt: datetime($now), updatedBy: $by'

// Order matters as in the writer: nodes before the relationships that need them; links point to
// earlier statements only, so they go last. Each statement loads one CSV file.
export const LOAD_STEPS: Array<{ file: CsvName, cypher: string }> = [
  {
    file: 'topics',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MERGE (t:Topic {id: row.id}) ON CREATE SET t += {${STAMP}}
SET t.name = row.name, t.contentHash = row.contentHash } ${TX}`,
  },
  {
    file: 'actors',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MERGE (a:Actor {id: row.id}) ON CREATE SET a += {${STAMP}}
SET a.name = row.name, a.kind = row.kind, a.aliases = CASE WHEN row.aliases IS NULL THEN [] ELSE split(row.aliases, '|') END,
  a.aliasText = coalesce(row.aliasText, ''), a.description = row.description, a.contentHash = row.contentHash } ${TX}`,
  },
  {
    file: 'documents',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MERGE (d:Document {id: row.id}) ON CREATE SET d += {${STAMP}}
SET d.title = row.title, d.kind = row.kind, d.date = row.date, d.datePrecision = row.datePrecision, d.dateStart = row.dateStart,
  d.dateEnd = row.dateEnd, d.url = row.url, d.note = row.note, d.textHash = row.textHash, d.contentHash = row.contentHash } ${TX}`,
  },
  {
    file: 'publishedBy',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (d:Document {id: row.document}) MATCH (a:Actor {id: row.actor}) CREATE (d)-[:PUBLISHED_BY]->(a) } ${TX}`,
  },
  {
    file: 'authoredBy',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (d:Document {id: row.document}) MATCH (a:Actor {id: row.actor}) CREATE (d)-[:AUTHORED_BY {position: toInteger(row.position)}]->(a) } ${TX}`,
  },
  {
    file: 'addressedTo',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (d:Document {id: row.document}) MATCH (a:Actor {id: row.actor}) CREATE (d)-[:ADDRESSED_TO]->(a) } ${TX}`,
  },
  {
    file: 'affiliations',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (a:Actor {id: row.actor}) MATCH (o:Actor {id: row.organisation})
MERGE (a)-[r:AFFILIATED_WITH {type: row.type}]->(o) ON CREATE SET r += {${STAMP}}
SET r.role = row.role, r.since = row.since, r.until = row.until, r.contentHash = row.contentHash } ${TX}`,
  },
  {
    file: 'statements',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MERGE (s:Statement {id: row.id}) ON CREATE SET s += {${STAMP}}
SET s.attribution = row.attribution, s.verb = row.verb, s.text = row.text, s.date = row.date, s.datePrecision = row.datePrecision,
  s.dateStart = row.dateStart, s.dateEnd = row.dateEnd, s.note = row.note, s.contentHash = row.contentHash } ${TX}`,
  },
  {
    file: 'said',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (s:Statement {id: row.statement}) MATCH (a:Actor {id: row.actor})
CREATE (a)-[:SAID {role: row.role, position: toInteger(row.position)}]->(s) } ${TX}`,
  },
  {
    file: 'about',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (s:Statement {id: row.statement}) MATCH (a:Actor {id: row.actor}) CREATE (s)-[:ABOUT {stance: row.stance}]->(a) } ${TX}`,
  },
  {
    file: 'onTopic',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (s:Statement {id: row.statement}) MATCH (t:Topic {id: row.topic}) CREATE (s)-[:ON_TOPIC]->(t) } ${TX}`,
  },
  {
    file: 'reportedIn',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (s:Statement {id: row.statement}) MATCH (d:Document {id: row.document})
CREATE (s)-[:REPORTED_IN {start: toInteger(row.start), end: toInteger(row.end), text: row.text, before: coalesce(row.before, ''), after: coalesce(row.after, ''),
  documentHash: row.documentHash}]->(d) } ${TX}`,
  },
  {
    file: 'originallyIn',
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (s:Statement {id: row.statement}) MATCH (d:Document {id: row.document}) CREATE (s)-[:ORIGINALLY_IN]->(d) } ${TX}`,
  },
  {
    file: 'links',
    // The writer has one constant query per link type (relationship types cannot be parameters).
    cypher: `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row
MATCH (s:Statement {id: row.from}) MATCH (t:Statement {id: row.to})
FOREACH (_ IN CASE WHEN row.type = 'responds-to' THEN [1] ELSE [] END | MERGE (s)-[:RESPONDS_TO]->(t))
FOREACH (_ IN CASE WHEN row.type = 'contradicts' THEN [1] ELSE [] END | MERGE (s)-[:CONTRADICTS]->(t))
FOREACH (_ IN CASE WHEN row.type = 'supports' THEN [1] ELSE [] END | MERGE (s)-[:SUPPORTS]->(t))
FOREACH (_ IN CASE WHEN row.type = 'repeats' THEN [1] ELSE [] END | MERGE (s)-[:REPEATS]->(t)) } ${TX}`,
  },
]
