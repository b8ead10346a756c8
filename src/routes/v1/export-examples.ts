// The first lines of each export format over the article graph (GET /v1/export?format=…&speaker=
// roland-cloutier, captured into openapi/export-examples.json), for the OpenAPI document;
// tests/export/formats.test.ts checks that each is how the real answer starts.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../../lib/paths.js'

export const EXPORT_EXAMPLE_QUERY = 'speaker=roland-cloutier'

function load (): Record<string, string> {
  try {
    return JSON.parse(readFileSync(join(projectRoot(), 'openapi', 'export-examples.json'), 'utf8')) as Record<string, string>
  } catch {
    return {}
  }
}

export const EXPORT_EXAMPLES: Record<string, string> = load()
