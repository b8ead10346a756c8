// Link types are known in one place (src/repositories/links.ts); relationship types cannot be
// Cypher parameters, so the patterns that list them are literal, and this keeps them in step.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LINK_TYPES } from '../../src/domain/seed-model.js'
import { LINK_RELATIONSHIPS, linkTypeOf } from '../../src/repositories/links.js'
import { LINK_QUERIES, RELATIONSHIP_TYPES } from '../../src/repositories/writer.js'

const LINK_RELS = Object.values(LINK_RELATIONSHIPS)

describe('statement links', () => {
  it('every link type of the model has a relationship type, a write query and a count, and reads back as itself', () => {
    expect(Object.keys(LINK_RELATIONSHIPS).sort()).toEqual([...LINK_TYPES].sort())
    for (const type of LINK_TYPES) {
      expect(LINK_QUERIES[type]).toContain(`[:${LINK_RELATIONSHIPS[type]}]`)
      expect(RELATIONSHIP_TYPES).toContain(LINK_RELATIONSHIPS[type])
      expect(linkTypeOf(LINK_RELATIONSHIPS[type])).toBe(type)
    }
  })

  it('every Cypher pattern in src/repositories that names one link relationship names them all', () => {
    const dir = 'src/repositories'
    let patterns = 0
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8')
      for (const match of source.matchAll(/:((?:[A-Z_]+\|)+[A-Z_]+)\]/g)) {
        const types = match[1]!.split('|')
        if (!types.some((t) => LINK_RELS.includes(t))) continue
        patterns++
        expect(types, `${file}: ${match[0]}`).toEqual(expect.arrayContaining(LINK_RELS))
      }
    }
    expect(patterns).toBeGreaterThanOrEqual(4)
  })
})
