// The committed JSON Schema for editors is generated from the TypeBox model and must not go
// stale; the real seed files validate against it with a real JSON Schema validator (Ajv).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { Value } from '@sinclair/typebox/value'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { SeedFileSchema } from '../../src/domain/seed-model.js'
import { seedJsonSchema } from '../../src/domain/json-schema.js'
import { ARTICLE_JSON, SEED_DIR, article, graphSeedFiles, type Loose } from './seed-helpers.js'

const SCHEMA_FILE = join(SEED_DIR, 'schema', 'graph-seed.schema.json')

function compile () {
  // Both are CommonJS: module.exports is the class (the plugin), and .default points at it too.
  const Ajv = Ajv2020.default
  const ajv = new Ajv({ allErrors: true, strict: true })
  addFormats.default(ajv)
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object)
}

describe('graph-seed/schema/graph-seed.schema.json', () => {
  it('is exactly what `npm run seed:schema` writes from the TypeBox model (not stale)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(seedJsonSchema())
  })

  it('is a draft 2020-12 schema that forbids unknown keys at the top level', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Loose
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.additionalProperties).toBe(false)
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', 'actors', 'affiliations', 'documents', 'statements', 'topics'])
  })

  it('is the schema each seed file points to with "$schema"', () => {
    for (const { file, data } of graphSeedFiles()) {
      expect(data.$schema, file).toBeDefined()
      const target = resolve(dirname(file), data.$schema)
      expect(existsSync(target), `${file}: ${data.$schema}`).toBe(true)
      expect(target).toBe(SCHEMA_FILE)
    }
  })

  it('the article (and every graph-seed file) validates against it with Ajv (draft 2020-12, strict)', () => {
    const validate = compile()
    expect(validate(JSON.parse(readFileSync(ARTICLE_JSON, 'utf8'))), JSON.stringify(validate.errors)).toBe(true)
    for (const { file, data } of graphSeedFiles()) {
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  })

  it('and against the TypeBox model itself', () => {
    expect([...Value.Errors(SeedFileSchema, article())]).toEqual([])
  })

  it('rejects what the loader rejects by schema: a wrong stance, an unknown key, a bad id', () => {
    const validate = compile()
    const cases: Array<[(d: Loose) => void, string, string]> = [
      [(d) => { d.statements[3].targets[0].stance = 'hostile' }, '/statements/3/targets/0/stance', 'const'],
      [(d) => { d.statements[3].confidence = 1 }, '/statements/3', 'additionalProperties'],
      [(d) => { d.actors[0].id = 'TikTok' }, '/actors/0/id', 'pattern'],
      [(d) => { delete d.statements[2].verb }, '/statements/2', 'required'],
      [(d) => { d.documents[0].url = 'not a url' }, '/documents/0/url', 'format'],
    ]
    for (const [breakIt, path, keyword] of cases) {
      const data = article()
      breakIt(data)
      expect(validate(data), path).toBe(false)
      expect(validate.errors!.map((e) => `${e.instancePath} ${e.keyword}`), path).toContain(`${path} ${keyword}`)
      expect(Value.Check(SeedFileSchema, data), path).toBe(false)
    }
  })
})
