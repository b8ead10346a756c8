// Validates graph-seed data completely before anything is written, and turns it into the flat
// rows the graph writer batches with UNWIND. Shared by `npm run seed` and POST /v1/import.
import { createHash } from 'node:crypto'
import type { TSchema } from '@sinclair/typebox'
import { Value, ValueErrorType } from '@sinclair/typebox/value'
import {
  EVIDENCE_CONTEXT, SeedFileSchema, type SeedActor, type SeedAffiliation, type SeedDocument, type SeedFile,
  type SeedStatement, type SeedTopic,
} from './seed-model.js'

/** One problem in the input: which file, where in it (a JSON path), and why. */
export interface SeedIssue {
  file: string
  path: string
  reason: string
}

export interface ActorRow {
  id: string
  name: string
  kind: string
  aliases: string[]
  aliasText: string
  description: string | null
  contentHash: string
}

export interface TopicRow { id: string, name: string, contentHash: string }

export interface DocumentRow {
  id: string
  title: string
  kind: string
  date: string | null
  datePrecision: string
  dateStart: string | null
  dateEnd: string | null
  url: string | null
  note: string | null
  text: string | null
  textHash: string | null
  publisher: string | null
  authors: string[]
  addressees: string[]
  contentHash: string
}

export interface AffiliationRow {
  actor: string
  organisation: string
  type: string
  role: string | null
  since: string | null
  until: string | null
  contentHash: string
}

export interface StatementRow {
  id: string
  attribution: string
  verb: string
  text: string
  date: string | null
  datePrecision: string
  dateStart: string | null
  dateEnd: string | null
  note: string | null
  speakers: Array<{ actor: string, role: string | null, position: number }>
  targets: Array<{ actor: string, stance: string }>
  topics: string[]
  document: string
  evidence: { start: number, end: number, text: string, before: string, after: string, documentHash: string | null }
  originalDocument: string | null
  links: Array<{ type: string, statement: string }>
  contentHash: string
}

export interface GraphRows {
  topics: TopicRow[]
  actors: ActorRow[]
  documents: DocumentRow[]
  affiliations: AffiliationRow[]
  statements: StatementRow[]
}

export interface SeedInput {
  /** A name for messages: the file path, or `body` / `line 3` for the import API. */
  file: string
  data: unknown
  /** Reads a document's textFile (relative to the seed file); undefined when it cannot. */
  readText?: (relativePath: string) => string | undefined
}

/** Ids the database already holds, for references the input itself does not declare. */
export interface ExistingLookup {
  actors: (ids: string[]) => Promise<Set<string>>
  topics: (ids: string[]) => Promise<Set<string>>
  statements: (ids: string[]) => Promise<Set<string>>
  /** Existing documents with their text (null when the database holds none). */
  documents: (ids: string[]) => Promise<Map<string, string | null>>
}

export interface ValidationResult {
  issues: SeedIssue[]
  rows: GraphRows
}

export function jsonPath (pointer: string): string {
  if (pointer === '' || pointer === '/') return '$'
  return '$' + pointer.split('/').slice(1).map((part) => {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~')
    return /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
  }).join('')
}

function literalChoices (schema: TSchema): string[] | undefined {
  const anyOf = (schema as { anyOf?: TSchema[] }).anyOf
  if (!anyOf || !anyOf.every((s) => typeof (s as { const?: unknown }).const === 'string')) return undefined
  return anyOf.map((s) => String((s as unknown as { const: unknown }).const))
}

/** Schema errors, one per location, phrased for an editor rather than a validator. */
export function schemaIssues (schema: TSchema, data: unknown, file: string, basePath = ''): SeedIssue[] {
  const seen = new Set<string>()
  const issues: SeedIssue[] = []
  for (const error of Value.Errors(schema, data)) {
    const choices = literalChoices(error.schema)
    let reason: string
    if (error.value === undefined) reason = 'is required'
    else if (choices) reason = `${JSON.stringify(error.value)} is not one of: ${choices.join(', ')}`
    else if (error.type === ValueErrorType.StringPattern && typeof error.value === 'string') {
      reason = `${JSON.stringify(error.value)} does not match ${(error.schema as unknown as { pattern: string }).pattern}${error.schema.description ? ` (${error.schema.description})` : ''}`
    } else reason = error.message.charAt(0).toLowerCase() + error.message.slice(1)
    const path = jsonPath(basePath + error.path)
    const key = `${path} ${reason}`
    // A union failure repeats under each branch; keep the first phrasing of each location.
    if (seen.has(path) || seen.has(key)) continue
    seen.add(path)
    seen.add(key)
    issues.push({ file, path, reason })
  }
  return issues
}

function sha256 (text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** A stable hash of a record: the same content always gives the same hash. */
export function contentHash (value: unknown): string {
  return sha256(JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
    }
    return v
  }))
}

/** A row with the hash its writer compares to tell changed from unchanged. */
export function withHash<T extends object> (row: T): T & { contentHash: string } {
  return { ...row, contentHash: contentHash(row) }
}

const PRECISION_LENGTH: Record<string, number> = { day: 10, month: 7, year: 4 }

function daysInMonth (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The first and last day a partial date can mean, for range filters. */
export function dateRange (date: string | undefined): { dateStart: string | null, dateEnd: string | null } {
  if (!date) return { dateStart: null, dateEnd: null }
  const [y, m, d] = date.split('-')
  if (d) return { dateStart: date, dateEnd: date }
  if (m) return { dateStart: `${y}-${m}-01`, dateEnd: `${y}-${m}-${String(daysInMonth(Number(y), Number(m))).padStart(2, '0')}` }
  return { dateStart: `${y}-01-01`, dateEnd: `${y}-12-31` }
}

function checkDate (date: string | undefined, precision: string, file: string, path: string, issues: SeedIssue[]): void {
  if (precision === 'unknown') {
    if (date) issues.push({ file, path: `${path}.date`, reason: 'must be omitted when datePrecision is "unknown"' })
    return
  }
  if (!date) {
    issues.push({ file, path: `${path}.date`, reason: `is required when datePrecision is "${precision}"` })
    return
  }
  if (date.length !== PRECISION_LENGTH[precision]) {
    issues.push({ file, path: `${path}.date`, reason: `"${date}" does not match datePrecision "${precision}" (expected ${precision === 'day' ? 'YYYY-MM-DD' : precision === 'month' ? 'YYYY-MM' : 'YYYY'})` })
    return
  }
  if (!isCalendarDate(date)) issues.push({ file, path: `${path}.date`, reason: `"${date}" is not a calendar day` })
}

/** False for YYYY-MM-DD dates that do not exist, such as 2022-02-30. */
function isCalendarDate (date: string): boolean {
  const [y, m, d] = date.split('-').map(Number)
  return d === undefined || y === undefined || m === undefined || d <= daysInMonth(y, m)
}

interface Located<T> { value: T, file: string, path: string }

/**
 * Validates every input and resolves references across them (and, through `existing`, against
 * the database). Returns every issue found; rows are meaningful only when there are none.
 */
export async function validateSeed (inputs: SeedInput[], existing?: ExistingLookup): Promise<ValidationResult> {
  const issues: SeedIssue[] = []
  const topics = new Map<string, Located<SeedTopic>>()
  const actors = new Map<string, Located<SeedActor>>()
  const documents = new Map<string, Located<SeedDocument> & { text: string | null }>()
  const statements = new Map<string, Located<SeedStatement>>()
  const affiliations = new Map<string, Located<SeedAffiliation>>()

  function declare<T extends { id: string }> (map: Map<string, Located<T>>, what: string, items: T[] | undefined, file: string, key: string): void {
    items?.forEach((value, i) => {
      const path = `$.${key}[${i}]`
      const prior = map.get(value.id)
      if (prior) {
        issues.push({ file, path: `${path}.id`, reason: `duplicate ${what} id "${value.id}" (first declared in ${prior.file} at ${prior.path})` })
        return
      }
      map.set(value.id, { value, file, path })
    })
  }

  // Ids declared in inputs that fail their schema: references to them are not reported as
  // unknown too, so every other problem of the load is still found in the same pass.
  const declaredInRejected = new Set<string>()
  // Documents whose text file could not be read: their evidence cannot be checked either way.
  const unreadable = new Set<string>()
  for (const input of inputs) {
    const schemaErrors = schemaIssues(SeedFileSchema, input.data, input.file)
    if (schemaErrors.length > 0) {
      issues.push(...schemaErrors)
      for (const id of idsIn(input.data)) declaredInRejected.add(id)
      continue
    }
    const data = input.data as SeedFile
    declare(topics, 'topic', data.topics, input.file, 'topics')
    declare(actors, 'actor', data.actors, input.file, 'actors')
    declare(statements, 'statement', data.statements, input.file, 'statements')
    data.documents?.forEach((doc, i) => {
      const path = `$.documents[${i}]`
      const prior = documents.get(doc.id)
      if (prior) {
        issues.push({ file: input.file, path: `${path}.id`, reason: `duplicate document id "${doc.id}" (first declared in ${prior.file} at ${prior.path})` })
        return
      }
      let text: string | null = doc.text ?? null
      if (doc.text !== undefined && doc.textFile !== undefined) {
        issues.push({ file: input.file, path: `${path}.textFile`, reason: 'give either text or textFile, not both' })
        unreadable.add(doc.id)
      } else if (doc.textFile !== undefined) {
        const read = input.readText?.(doc.textFile)
        if (read === undefined) {
          issues.push({ file: input.file, path: `${path}.textFile`, reason: `cannot read "${doc.textFile}"` })
          unreadable.add(doc.id)
        } else {
          text = read
        }
      }
      documents.set(doc.id, { value: doc, file: input.file, path, text })
    })
    data.affiliations?.forEach((aff, i) => {
      const path = `$.affiliations[${i}]`
      const key = `${aff.actor} ${aff.type} ${aff.organisation}`
      const prior = affiliations.get(key)
      if (prior) {
        issues.push({ file: input.file, path, reason: `duplicate affiliation ${aff.actor} ${aff.type} ${aff.organisation} (first declared in ${prior.file} at ${prior.path})` })
        return
      }
      affiliations.set(key, { value: aff, file: input.file, path })
    })
  }
  // References not declared in the input may name what the database already holds.
  interface Ref { id: string, file: string, path: string }
  const refs = { actors: [] as Ref[], topics: [] as Ref[], documents: [] as Ref[], statements: [] as Ref[] }
  const noRepeats = (list: string[] | undefined, what: string, file: string, path: string): void => {
    const seen = new Set<string>()
    list?.forEach((id, i) => {
      if (seen.has(id)) issues.push({ file, path: `${path}[${i}]`, reason: `${what} "${id}" is listed twice` })
      seen.add(id)
    })
  }
  for (const { value: d, file, path } of documents.values()) {
    noRepeats(d.authors, 'author', file, `${path}.authors`)
    noRepeats(d.addressees, 'addressee', file, `${path}.addressees`)
    if (d.publisher) refs.actors.push({ id: d.publisher, file, path: `${path}.publisher` })
    d.authors?.forEach((a, i) => refs.actors.push({ id: a, file, path: `${path}.authors[${i}]` }))
    d.addressees?.forEach((a, i) => refs.actors.push({ id: a, file, path: `${path}.addressees[${i}]` }))
    checkDate(d.date, d.datePrecision, file, path, issues)
  }
  for (const { value: a, file, path } of affiliations.values()) {
    refs.actors.push({ id: a.actor, file, path: `${path}.actor` })
    refs.actors.push({ id: a.organisation, file, path: `${path}.organisation` })
    if (a.actor === a.organisation) issues.push({ file, path: `${path}.organisation`, reason: 'an actor cannot be affiliated with itself' })
    for (const key of ['since', 'until'] as const) {
      const value = a[key]
      if (value && !isCalendarDate(value)) issues.push({ file, path: `${path}.${key}`, reason: `"${value}" is not a calendar day` })
    }
    if (a.since && a.until && dateRange(a.since).dateStart! > dateRange(a.until).dateEnd!) {
      issues.push({ file, path: `${path}.until`, reason: `"${a.until}" is before since "${a.since}"` })
    }
  }
  for (const { value: s, file, path } of statements.values()) {
    noRepeats(s.topics, 'topic', file, `${path}.topics`)
    s.speakers.forEach((sp, i) => refs.actors.push({ id: sp.actor, file, path: `${path}.speakers[${i}].actor` }))
    s.targets?.forEach((t, i) => refs.actors.push({ id: t.actor, file, path: `${path}.targets[${i}].actor` }))
    s.topics?.forEach((t, i) => refs.topics.push({ id: t, file, path: `${path}.topics[${i}]` }))
    refs.documents.push({ id: s.reportedIn.document, file, path: `${path}.reportedIn.document` })
    if (s.originalDocument) refs.documents.push({ id: s.originalDocument, file, path: `${path}.originalDocument` })
    s.links?.forEach((l, i) => {
      if (l.statement === s.id) issues.push({ file, path: `${path}.links[${i}].statement`, reason: 'a statement cannot link to itself' })
      else refs.statements.push({ id: l.statement, file, path: `${path}.links[${i}].statement` })
    })
    checkDate(s.date, s.datePrecision, file, path, issues)
    const seenSpeakers = new Set<string>()
    s.speakers.forEach((sp, i) => {
      if (seenSpeakers.has(sp.actor)) issues.push({ file, path: `${path}.speakers[${i}].actor`, reason: `speaker "${sp.actor}" is listed twice` })
      seenSpeakers.add(sp.actor)
    })
    const seenTargets = new Set<string>()
    s.targets?.forEach((t, i) => {
      if (seenTargets.has(t.actor)) issues.push({ file, path: `${path}.targets[${i}].actor`, reason: `target "${t.actor}" is listed twice` })
      seenTargets.add(t.actor)
    })
  }

  const externalDocs = new Map<string, string | null>()
  async function resolve (list: Ref[], local: Map<string, unknown>, what: string, lookup?: (ids: string[]) => Promise<Set<string>>): Promise<void> {
    const missing = [...new Set(list.filter((r) => !local.has(r.id) && !declaredInRejected.has(r.id)).map((r) => r.id))]
    const found = missing.length > 0 && lookup ? await lookup(missing) : new Set<string>()
    for (const r of list) {
      if (!local.has(r.id) && !declaredInRejected.has(r.id) && !found.has(r.id)) issues.push({ file: r.file, path: r.path, reason: `unknown ${what} "${r.id}"` })
    }
  }
  await resolve(refs.actors, actors, 'actor', existing?.actors)
  await resolve(refs.topics, topics, 'topic', existing?.topics)
  await resolve(refs.statements, statements, 'statement', existing?.statements)
  await resolve(refs.documents, documents, 'document', existing && (async (ids) => {
    const found = await existing.documents(ids)
    for (const [id, text] of found) externalDocs.set(id, text)
    return new Set(found.keys())
  }))

  // Evidence: the span must be inside the reporting document's text and equal it exactly.
  const codePoints = new Map<string, string[]>()
  const docText = (id: string): string | null | undefined =>
    unreadable.has(id) ? undefined : documents.has(id) ? documents.get(id)!.text : externalDocs.get(id)
  for (const { value: s, file, path } of statements.values()) {
    const ev = s.reportedIn.evidence
    const evPath = `${path}.reportedIn.evidence`
    const text = docText(s.reportedIn.document)
    if (text === undefined) continue // unknown document: reported above
    if (text === null) {
      issues.push({ file, path: `${path}.reportedIn.document`, reason: `document "${s.reportedIn.document}" has no text to check the evidence against (give it text or textFile)` })
      continue
    }
    let cps = codePoints.get(s.reportedIn.document)
    if (!cps) {
      cps = Array.from(text)
      codePoints.set(s.reportedIn.document, cps)
    }
    if (ev.start >= ev.end) {
      issues.push({ file, path: `${evPath}.end`, reason: `end ${ev.end} must be greater than start ${ev.start}` })
      continue
    }
    if (ev.end > cps.length) {
      issues.push({ file, path: `${evPath}.end`, reason: `offset ${ev.end} is outside the document text (${cps.length} characters)` })
      continue
    }
    const actual = cps.slice(ev.start, ev.end).join('')
    if (actual !== ev.text) {
      issues.push({ file, path: `${evPath}.text`, reason: `does not match the document text at ${ev.start}-${ev.end}, which reads ${JSON.stringify(actual.slice(0, 80))}` })
      continue
    }
    // Context is measured in code points, like the offsets.
    const beforeCps = cps.slice(Math.max(0, ev.start - EVIDENCE_CONTEXT), ev.start)
    const afterCps = cps.slice(ev.end, ev.end + EVIDENCE_CONTEXT)
    const before = beforeCps.join('')
    const after = afterCps.join('')
    if (!before.endsWith(ev.before) || (Array.from(ev.before).length < EVIDENCE_CONTEXT && ev.before !== before)) {
      issues.push({ file, path: `${evPath}.before`, reason: `does not match the ${beforeCps.length} characters before the span: ${JSON.stringify(before)}` })
    }
    if (!after.startsWith(ev.after) || (Array.from(ev.after).length < EVIDENCE_CONTEXT && ev.after !== after)) {
      issues.push({ file, path: `${evPath}.after`, reason: `does not match the ${afterCps.length} characters after the span: ${JSON.stringify(after)}` })
    }
    if (s.attribution === 'direct-quote' && !normaliseQuotes(ev.text).includes(normaliseQuotes(s.text))) {
      issues.push({ file, path: `${path}.text`, reason: 'a direct quote must appear word for word inside its evidence span' })
    }
  }
  if (issues.length > 0) return { issues, rows: emptyRows() }
  return { issues, rows: toRows(topics, actors, documents, affiliations, statements, docText) }
}

/** Best-effort: the string ids an input declares, even when it fails its schema. */
function idsIn (data: unknown): string[] {
  if (!data || typeof data !== 'object') return []
  const ids: string[] = []
  for (const key of ['actors', 'documents', 'topics', 'statements']) {
    const list = (data as Record<string, unknown>)[key]
    if (!Array.isArray(list)) continue
    for (const item of list) {
      const id = (item as { id?: unknown } | null)?.id
      if (typeof id === 'string') ids.push(id)
    }
  }
  return ids
}

function normaliseQuotes (text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"')
}

/** Rows with nothing in them: what a rejected input writes. */
export function emptyRows (): GraphRows {
  return { topics: [], actors: [], documents: [], affiliations: [], statements: [] }
}

function toRows (
  topics: Map<string, Located<SeedTopic>>,
  actors: Map<string, Located<SeedActor>>,
  documents: Map<string, Located<SeedDocument> & { text: string | null }>,
  affiliations: Map<string, Located<SeedAffiliation>>,
  statements: Map<string, Located<SeedStatement>>,
  docText: (id: string) => string | null | undefined
): GraphRows {
  // One hash per document, not per statement: a long transcript may report thousands of them.
  const documentHashes = new Map<string, string | null>()
  const hashOfDocument = (id: string): string | null => {
    if (!documentHashes.has(id)) {
      const text = docText(id)
      documentHashes.set(id, text ? sha256(text) : null)
    }
    return documentHashes.get(id)!
  }
  return {
    topics: [...topics.values()].map(({ value: t }) => withHash({ id: t.id, name: t.name })),
    actors: [...actors.values()].map(({ value: a }) => withHash({
      id: a.id,
      name: a.name,
      kind: a.kind,
      aliases: a.aliases ?? [],
      aliasText: (a.aliases ?? []).join(' | '),
      description: a.description ?? null,
    })),
    documents: [...documents.values()].map(({ value: d, text }) => withHash({
      id: d.id,
      title: d.title,
      kind: d.kind,
      date: d.date ?? null,
      datePrecision: d.datePrecision,
      ...dateRange(d.date),
      url: d.url ?? null,
      note: d.note ?? null,
      text,
      textHash: text === null ? null : sha256(text),
      publisher: d.publisher ?? null,
      authors: d.authors ?? [],
      addressees: d.addressees ?? [],
    })),
    affiliations: [...affiliations.values()].map(({ value: a }) => withHash({
      actor: a.actor,
      organisation: a.organisation,
      type: a.type,
      role: a.role ?? null,
      since: a.since ?? null,
      until: a.until ?? null,
    })),
    statements: [...statements.values()].map(({ value: s }) => {
      const documentHash = hashOfDocument(s.reportedIn.document)
      return withHash({
        id: s.id,
        attribution: s.attribution,
        verb: s.verb,
        text: s.text,
        date: s.date ?? null,
        datePrecision: s.datePrecision,
        ...dateRange(s.date),
        note: s.note ?? null,
        speakers: s.speakers.map((sp, position) => ({ actor: sp.actor, role: sp.role ?? null, position })),
        targets: s.targets ?? [],
        topics: s.topics ?? [],
        document: s.reportedIn.document,
        evidence: { ...s.reportedIn.evidence, documentHash },
        originalDocument: s.originalDocument ?? null,
        links: s.links ?? [],
      })
    }),
  }
}
