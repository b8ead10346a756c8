// Response examples for the OpenAPI document, captured from the real API over the article graph
// by `npm run openapi` (openapi/examples.json), so every example is a true answer.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../../lib/paths.js'

let cache: Record<string, unknown> | undefined

function load (): Record<string, unknown> {
  if (!cache) {
    try {
      cache = JSON.parse(readFileSync(join(projectRoot(), 'openapi', 'examples.json'), 'utf8')) as Record<string, unknown>
    } catch {
      cache = {}
    }
  }
  return cache
}

/** The captured example of an operation's 200 response, as a JSON Schema `examples` array. */
export function example (operationId: string): unknown[] | undefined {
  const value = load()[operationId]
  return value === undefined ? undefined : [value]
}
