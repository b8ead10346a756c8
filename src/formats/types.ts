// What an export reads from the graph, as plain values, and the source the serializers pull it
// from. Every list arrives in batches (one keyset page of the database each), so a serializer
// holds one batch at a time and an export of any size runs in constant memory.
import type { AffiliationRow } from '../domain/validate.js'
import type { Statement } from '../schemas/api.js'

export interface ExportActor {
  id: string
  name: string
  kind: string
  aliases: string[]
  description: string | null
  /** Exported statements this actor made, and exported statements about it. */
  said: number
  about: number
}

export interface ExportTopic { id: string, name: string }

export interface ExportDocument {
  id: string
  title: string
  kind: string
  date: string | null
  datePrecision: string
  url: string | null
  note: string | null
  /** The full text (null when whosaid holds none, or when the caller did not ask for it). */
  text: string | null
  publisher: string | null
  /** Actor ids, authors in their order. */
  authors: string[]
  addressees: string[]
  /** Exported statements reported in it. */
  statements: number
}

/** An affiliation as the writer stores it, without the hash it compares. */
export type ExportAffiliation = Omit<AffiliationRow, 'contentHash'>

/** A statement as the API answers it; `links` holds only links between exported statements. */
export type ExportStatement = Statement

/** Statements of one speaker about one target, merged (the `edges=pairs` view). */
export interface ExportPair {
  speaker: string
  target: string
  total: number
  critical: number
  supportive: number
  neutral: number
  /** The distinct [dateStart, dateEnd] day ranges of the dated statements, in any order. */
  spans: Array<[string, string]>
}

export interface ExportSource {
  actors: () => AsyncIterable<ExportActor[]>
  topics: () => AsyncIterable<ExportTopic[]>
  /** `text: false` leaves the (possibly large) texts in the database. */
  documents: (options: { text: boolean }) => AsyncIterable<ExportDocument[]>
  affiliations: () => AsyncIterable<ExportAffiliation[]>
  statements: () => AsyncIterable<ExportStatement[]>
  pairs: () => AsyncIterable<ExportPair[]>
}

/** Merges day ranges that overlap or touch into the fewest ranges, in date order. */
export function mergeSpans (spans: Array<[string, string]>): Array<[string, string]> {
  const sorted = [...spans].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))
  const out: Array<[string, string]> = []
  for (const [start, end] of sorted) {
    const last = out[out.length - 1]
    if (last && start <= nextDay(last[1])) {
      if (end > last[1]) last[1] = end
    } else {
      out.push([start, end])
    }
  }
  return out
}

function nextDay (day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/**
 * Characters per chunk a serializer yields. A batch rendered as one string is up to a few MB
 * (500 statements, or 50 documents with their texts), which V8 allocates straight into its old
 * generation (it stays there until the next full collection) and which reaches the socket as
 * one multi-MB write. Chunks this small live and die young, and the stream's read-ahead (see
 * routes/v1/export.ts) is counted in them. On its own this barely moved the peak RSS on the
 * 10k benchmark graph; the heap settings in lib/heap.ts did.
 */
export const CHUNK_CHARS = 16 * 1024

/** The rendered items, joined into chunks of about CHUNK_CHARS (one item may be larger). */
export function * chunked<T> (items: Iterable<T>, render: (item: T) => string): Generator<string> {
  let chunk = ''
  for (const item of items) {
    chunk += render(item)
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk !== '') yield chunk
}
