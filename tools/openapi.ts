// npm run openapi — regenerates openapi/openapi.json and openapi/openapi.yaml from the route
// schemas, with response examples captured from the real API over the article graph.
// It runs its own throwaway local Neo4j (port 7692) so the examples never depend on whatever
// a developer's database holds.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { startLocalNeo4j, stopLocalNeo4j } from '../src/local-neo4j/launcher.js'
import { projectRoot } from '../src/lib/paths.js'
import { resetGraph, writeGraph } from '../src/repositories/writer.js'
import { loadSeed } from '../src/services/seed-files.js'
import { stringify } from 'yaml'
import { EXAMPLE_REQUESTS } from './openapi-examples.js'
import { hashKey } from '../src/lib/api-keys.js'

// Only for capturing the import example; the key lives and dies with this process.
const EXAMPLE_KEY = randomBytes(16).toString('hex')

// WHOSAID_OPENAPI_NEO4J_PORT / _HOME let two checkouts on one machine regenerate side by side.
const LOCAL = {
  port: Number(process.env.WHOSAID_OPENAPI_NEO4J_PORT ?? 7692),
  home: process.env.WHOSAID_OPENAPI_NEO4J_HOME ?? '.neo4j/openapi',
  heap: '512m',
  pageCache: '256m',
}
const root = projectRoot()
const outDir = join(root, 'openapi')

/** A seed file as an HTTP client sends it: document texts inline, since textFile is a local path. */
function withInlineText (file: string): object {
  const data = JSON.parse(readFileSync(join(root, file), 'utf8')) as { documents?: Array<Record<string, unknown>> }
  for (const doc of data.documents ?? []) {
    if (typeof doc.textFile === 'string') {
      doc.text = readFileSync(join(root, dirname(file), doc.textFile), 'utf8')
      delete doc.textFile
    }
  }
  return data
}

async function captureExamples (uri: string): Promise<void> {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', API_KEYS: `openapi:write:${hashKey(EXAMPLE_KEY)}` }), { neo4jUri: uri, logger: false })
  try {
    await app.ready()
    await resetGraph(app.db.withTimeout(600_000))
    const seed = await loadSeed([])
    if (seed.issues.length > 0) throw new Error('graph-seed/ does not validate; run npm run seed -- --dry-run')
    await writeGraph(app.db.withTimeout(600_000), seed.rows, { by: 'openapi' })
    const examples: Record<string, unknown> = {}
    for (const [operationId, request] of Object.entries(EXAMPLE_REQUESTS)) {
      const { method, url, bodyFile, textFile } = typeof request === 'string' ? { method: 'GET' as const, url: request, bodyFile: undefined, textFile: undefined } : request
      const payload = bodyFile
        ? withInlineText(bodyFile)
        : textFile ? { text: readFileSync(join(root, textFile.path), 'utf8'), ...textFile.fields } : undefined
      const res = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${EXAMPLE_KEY}` },
        ...(payload ? { payload } : {}),
      })
      if (res.statusCode !== 200) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`)
      examples[operationId] = res.json()
    }
    mkdirSync(outDir, { recursive: true })
    writeFileSync(join(outDir, 'examples.json'), JSON.stringify(examples, null, 2) + '\n')
  } finally {
    await app.close()
  }
}

async function writeDocument (uri: string): Promise<void> {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { neo4jUri: uri, logger: false })
  try {
    await app.ready()
    const doc = app.swagger()
    writeFileSync(join(outDir, 'openapi.json'), JSON.stringify(doc, null, 2) + '\n')
    writeFileSync(join(outDir, 'openapi.yaml'), stringify(doc, { aliasDuplicateObjects: false }))
  } finally {
    await app.close()
  }
}

const [, , step, uriArg] = process.argv
if (step === '--document' && uriArg) {
  // Second stage, in a fresh process so the examples just written are the ones loaded.
  await writeDocument(uriArg)
} else {
  const { uri, started } = await startLocalNeo4j({ ...LOCAL, log: (l) => console.error(l) })
  try {
    await captureExamples(uri)
    const second = spawnSync(process.execPath, ['--import', 'tsx', 'tools/openapi.ts', '--document', uri], { cwd: root, stdio: 'inherit' })
    if (second.status !== 0) throw new Error('writing the OpenAPI document failed')
    console.log(`wrote ${join(outDir, 'openapi.json')}, openapi.yaml and examples.json`)
  } finally {
    if (started) await stopLocalNeo4j(LOCAL.home)
  }
}
