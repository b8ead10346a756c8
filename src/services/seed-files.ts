// Reads graph-seed files from disk into validated rows; shared by `npm run seed` and `npm start`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import type { Db } from '../db/db.js'
import { projectRoot } from '../lib/paths.js'
import { validateSeed, type SeedInput, type SeedIssue, type ValidationResult } from '../domain/validate.js'
import { existingInDb } from '../repositories/existing.js'

export const DEFAULT_SEED_DIR = 'graph-seed'

/** Every *.json below the given files and folders, in a stable order (schema files excluded). */
export function seedFiles (paths: string[]): string[] {
  const out: string[] = []
  const walk = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false })
    if (!stat) {
      out.push(path) // reported as unreadable by readSeedInputs
    } else if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry === 'schema' || entry === 'node_modules' || entry.startsWith('.')) continue
        const child = join(path, entry)
        if (statSync(child).isDirectory() || entry.endsWith('.json')) walk(child)
      }
    } else {
      out.push(path)
    }
  }
  for (const p of paths) walk(resolve(p))
  return [...new Set(out)]
}

export function readSeedInputs (files: string[]): { inputs: SeedInput[], issues: SeedIssue[] } {
  const inputs: SeedInput[] = []
  const issues: SeedIssue[] = []
  for (const file of files) {
    const name = relative(process.cwd(), file) || file
    let raw: string
    try {
      raw = readFileSync(file, 'utf8')
    } catch (err) {
      issues.push({ file: name, path: '$', reason: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` })
      continue
    }
    let data: unknown
    try {
      data = JSON.parse(raw)
    } catch (err) {
      issues.push({ file: name, path: '$', reason: `is not valid JSON: ${(err as Error).message}` })
      continue
    }
    inputs.push({
      file: name,
      data,
      readText: (rel) => {
        try {
          return readFileSync(resolve(dirname(file), rel), 'utf8')
        } catch {
          return undefined
        }
      },
    })
  }
  return { inputs, issues }
}

/** Reads and validates seed files; issues name the file, the JSON path and the reason. */
export async function loadSeed (paths: string[], db?: Db): Promise<ValidationResult & { files: string[] }> {
  const files = seedFiles(paths.length > 0 ? paths : [join(projectRoot(), DEFAULT_SEED_DIR)])
  const { inputs, issues } = readSeedInputs(files)
  const result = await validateSeed(inputs, db ? existingInDb(db) : undefined)
  return { ...result, issues: [...issues, ...result.issues], files }
}

export function formatIssue (issue: SeedIssue): string {
  return `${issue.file}: ${issue.path}: ${issue.reason}`
}
