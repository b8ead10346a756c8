// The committed OpenAPI document is what the app serves, and it documents every operation.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { parse } from 'yaml'
import { buildTestApp } from './helpers.js'
import { EXAMPLE_REQUESTS } from '../tools/openapi-examples.js'

interface Operation {
  operationId?: string
  summary?: string
  description?: string
  tags?: string[]
  parameters?: Array<{ name: string, description?: string }>
  responses: Record<string, { content?: Record<string, { schema?: unknown, example?: unknown, examples?: unknown }> }>
}

describe('OpenAPI', () => {
  let app: FastifyInstance
  let served: { paths: Record<string, Record<string, Operation>> }
  beforeAll(async () => {
    app = await buildTestApp()
    served = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  })
  afterAll(async () => { await app.close() })

  it('the committed openapi/openapi.json is what /openapi.json serves (run npm run openapi)', () => {
    const committed = JSON.parse(readFileSync('openapi/openapi.json', 'utf8')) as unknown
    expect(served).toEqual(committed)
  })

  it('/openapi.yaml and the committed openapi.yaml say the same', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.yaml' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/yaml/)
    expect(parse(res.body)).toEqual(served)
    expect(parse(readFileSync('openapi/openapi.yaml', 'utf8'))).toEqual(served)
  })

  it('is OpenAPI 3.1 with every public path of the contract', () => {
    expect((served as unknown as { openapi: string }).openapi).toBe('3.1.0')
    expect(Object.keys(served.paths).sort()).toEqual([
      '/health/live', '/health/ready',
      '/v1/actors', '/v1/actors/{id}', '/v1/actors/{id}/mentions', '/v1/actors/{id}/merge', '/v1/actors/{id}/statements',
      '/v1/changes', '/v1/context.jsonld', '/v1/documents', '/v1/documents/{id}', '/v1/export', '/v1/extract', '/v1/graph/neighbourhood/{id}', '/v1/import', '/v1/paths',
      '/v1/search', '/v1/stance-matrix', '/v1/stance-timeline', '/v1/statements', '/v1/statements/{id}', '/v1/stats',
      '/v1/who-said-what-about/{id}',
    ])
  })

  it('every operation has a summary, description, tags, described parameters, problem+json errors and an example', () => {
    for (const [path, ops] of Object.entries(served.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`
        expect(op.operationId, where).toBeTruthy()
        expect(op.summary, where).toBeTruthy()
        expect(op.description, where).toBeTruthy()
        expect(op.tags?.length, where).toBeGreaterThan(0)
        for (const p of op.parameters ?? []) expect(p.description, `${where} ${p.name}`).toBeTruthy()
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400 && response.content) {
            for (const type of Object.keys(response.content)) expect(type, `${where} ${status}`).toBe('application/problem+json')
          }
        }
        if (!path.startsWith('/v1/')) continue
        // Every JSON success answer carries an example captured from the article graph.
        for (const status of ['200', '201']) {
          const content = op.responses[status]?.content?.['application/json']
          if (!content) continue
          const example = (content.schema as { examples?: unknown[] } | undefined)?.examples?.[0] ?? content.example
          expect(example, `${where} ${status} example`).toBeDefined()
        }
        expect(op.responses['200'] ?? op.responses['201'] ?? op.responses['204'], `${where} success response`).toBeDefined()
      }
    }
  })

  it('every captured example belongs to an operation', () => {
    const ids = Object.values(served.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId))
    for (const id of Object.keys(EXAMPLE_REQUESTS)) expect(ids, id).toContain(id)
  })

  it('Swagger UI is served at /docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('swagger-ui')
  })
})
