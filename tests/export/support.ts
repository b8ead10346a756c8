// Shared by the export suites: python from the project's .venv with networkx installed (pinned;
// installed on first use, as tests/fuzz/run.ts installs Schemathesis), and a runner for small
// python scripts that read an export.
import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
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

/**
 * Runs a python script with the file as argv[1]; returns what it prints as JSON. Asynchronous:
 * a synchronous child would stall the event loop long enough for load shedding to answer 503.
 */
export async function runPython<T = any> (script: string, content: string, ext: string): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-export-'))
  const file = join(dir, `export.${ext}`)
  writeFileSync(file, content)
  const scriptFile = join(dir, 'read.py')
  writeFileSync(scriptFile, script)
  const { stdout } = await promisify(execFile)(PYTHON, [scriptFile, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(stdout) as T
}
