// Opaque cursors: base64url JSON of the last item's sort key. Clients only pass them back.
import { ProblemError } from './errors.js'

export function encodeCursor (key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')
}

/** What each part of a cursor's key must be; `index` is a whole number from 0. */
export type CursorPart = 'string' | 'number' | 'index'

function fits (value: unknown, part: CursorPart): boolean {
  if (part === 'string') return typeof value === 'string'
  if (part === 'number') return typeof value === 'number' && Number.isFinite(value)
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

export function decodeCursor (cursor: string | undefined, shape: CursorPart[]): unknown[] | null {
  if (cursor === undefined) return null
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(key) && key.length === shape.length && key.every((k, i) => fits(k, shape[i]!))) return key
  } catch {}
  throw new ProblemError('WS_ERR_VALIDATION', 'querystring.cursor is not a cursor this API issued.', {
    fields: [{ name: 'querystring.cursor', reason: 'is not a cursor this API issued; pass back the `next` value of a previous page' }],
  })
}

/** Splits a fetched page of limit+1 rows into the page and the next cursor. */
export function page<T> (rows: T[], limit: number, keyOf: (row: T) => unknown[]): { items: T[], next: string | null } {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, next: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null }
}
