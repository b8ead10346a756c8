// No user value is ever part of Cypher text: this scans src/ and fails on Cypher assembled from
// strings. Constant fragments (SCREAMING_CASE names) may be joined; nothing else may be.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const CYPHER = /\b(MATCH|MERGE|CREATE|RETURN|WHERE|UNWIND|DETACH DELETE|SET|CALL|ORDER BY|LIMIT)\b/
const CONSTANT = /^[A-Z][A-Z0-9_]*$/

export function cypherViolations (source: string): string[] {
  const found: string[] = []
  // 1. Template literals with Cypher in them must not interpolate anything.
  for (const match of source.matchAll(/`((?:[^`\\]|\\.)*)`/gs)) {
    const body = match[1] ?? ''
    if (CYPHER.test(body) && body.includes('${')) found.push(match[0].slice(0, 120))
  }
  // 2. String concatenation around Cypher text may only join constants.
  const literal = String.raw`(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\`(?:[^\`\\]|\\.)*\`)`
  const ident = String.raw`([A-Za-z_$][\w$.]*(?:\[[^\]]*\])?)`
  for (const re of [new RegExp(`(${literal})\\s*\\+\\s*${ident}`, 'gs'), new RegExp(`${ident}\\s*\\+\\s*(${literal})`, 'gs')]) {
    for (const match of source.matchAll(re)) {
      const [whole, a = '', b = ''] = match
      const [text, name] = a.startsWith("'") || a.startsWith('"') || a.startsWith('`') ? [a, b] : [b, a]
      if (CYPHER.test(text) && !CONSTANT.test(name)) found.push(whole.slice(0, 120))
    }
  }
  return found
}

function sourceFiles (dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

describe('Cypher is never assembled from values', () => {
  it('the scanner catches interpolation and concatenation of values', () => {
    // The samples are source text, so their ${...} is meant literally.
    /* eslint-disable no-template-curly-in-string */
    expect(cypherViolations('const q = `MATCH (a:Actor {id: "${id}"}) RETURN a`').length).toBeGreaterThan(0)
    expect(cypherViolations("db.read('MATCH (n:' + label + ') RETURN n')").length).toBeGreaterThan(0)
    expect(cypherViolations("const q = 'MATCH (a) WHERE a.name = ' + request.query.q").length).toBeGreaterThan(0)
    expect(cypherViolations('const q = `MATCH (a) ORDER BY ${sortKey}`').length).toBeGreaterThan(0)
    /* eslint-enable no-template-curly-in-string */
    // Constants joined together are fine, and so are $parameters.
    expect(cypherViolations("const q = ANCHOR + 'RETURN ' + PROJECTION")).toEqual([])
    expect(cypherViolations('const q = `MATCH (a:Actor {id: $id}) RETURN a`')).toEqual([])
  })

  it('src/ has none', () => {
    const violations = sourceFiles('src').flatMap((file) => cypherViolations(readFileSync(file, 'utf8')).map((v) => `${file}: ${v}`))
    expect(violations).toEqual([])
  })
})
