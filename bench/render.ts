// npm run bench renders results/README.md itself; this re-renders it (or quick.md) from the JSON
// the run wrote, after a change to the report's layout. No figure is recomputed or typed in.
// Usage: tsx bench/render.ts [results/latest.json | results/quick.json | results/export.json]
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { evaluateTargets, renderMarkdown } from './lib/report.js'
import type { BenchResults } from './lib/results.js'

const file = process.argv[2] ?? join(import.meta.dirname, 'results', 'latest.json')
const bench = JSON.parse(readFileSync(file, 'utf8')) as BenchResults
bench.targets = evaluateTargets(bench)
const MARKDOWN: Record<string, string> = { 'quick.json': 'quick.md', 'export.json': 'export.md' }
const out = join(dirname(file), MARKDOWN[basename(file)] ?? 'README.md')
writeFileSync(out, renderMarkdown(bench))
console.log(`wrote ${out}`)
