// graph-seed/tools/offsets.mjs checks seed files by the house rules, with the model's enums and
// evidence context read from the generated JSON Schema rather than lists of its own.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EVIDENCE_CONTEXT, STANCES } from '../../src/domain/seed-model.js'

const TOOL = 'graph-seed/tools/offsets.mjs'
const run = (...args: string[]) => spawnSync(process.execPath, [TOOL, ...args], { encoding: 'utf8' })

describe('offsets.mjs', () => {
  it('accepts the curated article', () => {
    const result = run('--check')
    expect(result.stdout).toMatch(/0 error\(s\)/)
    expect(result.status).toBe(0)
  })

  it("rejects a stance the model does not have, listing the model's stances", () => {
    const dir = mkdtempSync(join(tmpdir(), 'offsets-'))
    cpSync('graph-seed', dir, { recursive: true })
    const file = join(dir, 'tiktok-on-defense-2022.json')
    const seed = JSON.parse(readFileSync(file, 'utf8')) as { statements: Array<{ targets: Array<{ stance: string }> }> }
    seed.statements[0]!.targets[0]!.stance = 'hostile'
    writeFileSync(file, JSON.stringify(seed, null, 2))
    const result = run('--check', file)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain(`"hostile" not one of ${STANCES.join('|')}`)
  })

  it(`prints evidence with the model's ${EVIDENCE_CONTEXT} code points of context`, () => {
    const evidence = JSON.parse(run('at', '100', '120').stdout) as { before: string, after: string }
    expect(Array.from(evidence.before)).toHaveLength(EVIDENCE_CONTEXT)
    expect(Array.from(evidence.after)).toHaveLength(EVIDENCE_CONTEXT)
  })
})
