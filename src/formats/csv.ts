// CSV (RFC 4180): CRLF line ends, every field that needs it in double quotes with quotes
// doubled, a header row, UTF-8. One table per request: statements (one row per statement ×
// speaker × target), actors or documents.
import { chunked, type ExportActor, type ExportDocument, type ExportSource, type ExportStatement } from './types.js'

export const CSV_TABLES = ['statements', 'actors', 'documents'] as const
export type CsvTable = (typeof CSV_TABLES)[number]

export interface CsvOptions {
  /**
   * Guard against spreadsheet formula injection: a cell starting with = + - @ tab or carriage
   * return gets a leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text
   * instead of running it. Off by default, because it changes the data (pandas would read the
   * apostrophe too); on for files meant to be opened in a spreadsheet.
   */
  spreadsheetSafe?: boolean
}

const FORMULA_START = /^[=+\-@\t\r]/

/** One RFC 4180 field. */
export function csvField (value: string | number | null | undefined, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (options.spreadsheetSafe && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvRow (values: Array<string | number | null | undefined>, options: CsvOptions = {}): string {
  return values.map((v) => csvField(v, options)).join(',') + '\r\n'
}

export const STATEMENT_COLUMNS = [
  'statement_id', 'speaker_id', 'speaker_name', 'speaker_role', 'target_id', 'target_name', 'stance',
  'attribution', 'verb', 'text', 'date', 'date_precision', 'document_id', 'document_title', 'document_url',
  'evidence_start', 'evidence_end', 'evidence_text', 'original_document_id', 'topics',
] as const

export const ACTOR_COLUMNS = ['id', 'name', 'kind', 'aliases', 'description', 'statements_made', 'statements_about'] as const

export const DOCUMENT_COLUMNS = [
  'id', 'title', 'kind', 'date', 'date_precision', 'url', 'publisher_id', 'author_ids', 'addressee_ids', 'statements_reported', 'note',
] as const

/** The rows of one statement: each speaker with each target; a statement without targets still has a row per speaker. */
export function statementRows (s: ExportStatement): Array<Array<string | number | null>> {
  const targets: Array<ExportStatement['targets'][number] | null> = s.targets.length > 0 ? s.targets : [null]
  const { document, evidence } = s.reportedIn
  return s.speakers.flatMap((sp) => targets.map((t) => [
    s.id, sp.id, sp.name, sp.role, t?.id ?? null, t?.name ?? null, t?.stance ?? null,
    s.attribution, s.verb, s.text, s.date, s.datePrecision, document.id, document.title, document.url,
    evidence.start, evidence.end, evidence.text, s.originalDocument?.id ?? null, s.topics.map((x) => x.id).join(';'),
  ]))
}

export function actorRow (a: ExportActor): Array<string | number | null> {
  return [a.id, a.name, a.kind, a.aliases.join(' | '), a.description, a.said, a.about]
}

export function documentRow (d: ExportDocument): Array<string | number | null> {
  return [d.id, d.title, d.kind, d.date, d.datePrecision, d.url, d.publisher, d.authors.join(';'), d.addressees.join(';'), d.statements, d.note]
}

/** The chosen table as CSV text, a batch at a time; a subgraph with no rows is just the header. */
export async function * csv (source: ExportSource, table: CsvTable, options: CsvOptions = {}): AsyncGenerator<string> {
  const row = (r: Array<string | number | null>) => csvRow(r, options)
  if (table === 'actors') {
    yield csvRow([...ACTOR_COLUMNS])
    for await (const batch of source.actors()) yield * chunked(batch.map(actorRow), row)
  } else if (table === 'documents') {
    yield csvRow([...DOCUMENT_COLUMNS])
    for await (const batch of source.documents({ text: false })) yield * chunked(batch.map(documentRow), row)
  } else {
    yield csvRow([...STATEMENT_COLUMNS])
    for await (const batch of source.statements()) yield * chunked(batch.flatMap(statementRows), row)
  }
}
