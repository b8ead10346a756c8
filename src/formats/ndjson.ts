// NDJSON in the import format: one graph-seed fragment per line, one record each
// (`{"actors":[{...}]}`), in dependency order (actors, topics, documents, affiliations,
// statements), so `POST /v1/import` or `npm run restore` into an empty database rebuilds the
// graph. Documents carry their text inline (`text`, not `textFile`, which names a local file),
// so the evidence offsets can be checked against it again on the way in.
import type { SeedActor, SeedAffiliation, SeedDocument, SeedStatement, SeedTopic } from '../domain/seed-model.js'
import { chunked, type ExportActor, type ExportAffiliation, type ExportDocument, type ExportSource, type ExportStatement, type ExportTopic } from './types.js'

/** Drops null, undefined and empty-array fields: the seed format has no nulls. */
function compact<T extends object> (record: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as T
}

export function seedActor (a: ExportActor): SeedActor {
  // aliases stays even when empty: the house rules of graph-seed/ ask for it.
  return { ...compact<SeedActor>({ id: a.id, name: a.name, kind: a.kind, description: a.description }), aliases: a.aliases }
}

export function seedTopic (t: ExportTopic): SeedTopic {
  return { id: t.id, name: t.name }
}

export function seedDocument (d: ExportDocument): SeedDocument {
  return compact<SeedDocument>({
    id: d.id,
    title: d.title,
    kind: d.kind,
    publisher: d.publisher,
    authors: d.authors,
    addressees: d.addressees,
    date: d.date,
    datePrecision: d.datePrecision,
    url: d.url,
    text: d.text,
    note: d.note,
  })
}

export function seedAffiliation (a: ExportAffiliation): SeedAffiliation {
  return compact<SeedAffiliation>({ actor: a.actor, organisation: a.organisation, type: a.type, role: a.role, since: a.since, until: a.until })
}

export function seedStatement (s: ExportStatement): SeedStatement {
  const { document, evidence } = s.reportedIn
  const record = compact<SeedStatement>({
    id: s.id,
    speakers: s.speakers.map((sp) => compact({ actor: sp.id, role: sp.role })),
    attribution: s.attribution,
    verb: s.verb,
    text: s.text,
    date: s.date,
    datePrecision: s.datePrecision,
    reportedIn: { document: document.id, evidence: { start: evidence.start, end: evidence.end, text: evidence.text, before: evidence.before, after: evidence.after } },
    originalDocument: s.originalDocument?.id,
    links: s.links.filter((l) => l.direction === 'outgoing').map((l) => ({ type: l.type, statement: l.statement.id })),
    note: s.note,
  })
  // targets and topics stay even when empty, as graph-seed/'s house rules ask.
  return { ...record, targets: s.targets.map((t) => ({ actor: t.id, stance: t.stance })), topics: s.topics.map((t) => t.id) }
}

const line = (key: string, record: unknown) => JSON.stringify({ [key]: [record] }) + '\n'

export async function * ndjson (source: ExportSource): AsyncGenerator<string> {
  for await (const batch of source.actors()) yield * chunked(batch, (a) => line('actors', seedActor(a)))
  for await (const batch of source.topics()) yield * chunked(batch, (t) => line('topics', seedTopic(t)))
  for await (const batch of source.documents({ text: true })) yield * chunked(batch, (d) => line('documents', seedDocument(d)))
  for await (const batch of source.affiliations()) yield * chunked(batch, (a) => line('affiliations', seedAffiliation(a)))
  for await (const batch of source.statements()) yield * chunked(batch, (s) => line('statements', seedStatement(s)))
}
