// Shared by the export suites: python from the project's .venv with networkx installed (pinned;
// installed on first use, as tests/fuzz/run.ts installs Schemathesis), and a runner for small
// python scripts that read an export.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const NETWORKX_VERSION = '3.6.1'
const VENV = '.venv'
const PYTHON = join(VENV, 'bin', 'python')

/** The .venv python, with networkx at its pinned version (installed from PyPI when missing). */
export function ensureNetworkx (): string {
  const probe = existsSync(PYTHON) ? spawnSync(PYTHON, ['-c', 'import networkx; print(networkx.__version__)'], { encoding: 'utf8' }) : null
  if (probe?.stdout.trim() !== NETWORKX_VERSION) {
    if (!existsSync(PYTHON)) execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' })
    execFileSync(join(VENV, 'bin', 'pip'), ['install', '-q', `networkx==${NETWORKX_VERSION}`], { stdio: 'inherit' })
  }
  return PYTHON
}

/** Runs a python script with the file as argv[1]; returns what it prints as JSON. */
export function runPython<T = any> (script: string, content: string, ext: string): T {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-export-'))
  const file = join(dir, `export.${ext}`)
  writeFileSync(file, content)
  const scriptFile = join(dir, 'read.py')
  writeFileSync(scriptFile, script)
  const run = spawnSync(ensureNetworkx(), [scriptFile, file], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as T
}
