// Python tools the tests use, pinned and installed from PyPI into the project's .venv/ on first
// use: networkx (reads the GraphML and GEXF exports) and Schemathesis (the fuzz run).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const VENV = '.venv'
export const PYTHON = join(VENV, 'bin', 'python')

export const NETWORKX_VERSION = '3.6.1'
export const SCHEMATHESIS_VERSION = '4.32.5'

/** Installs `pkg==version` into .venv unless `installed()` already prints that version. */
function ensurePip (pkg: string, version: string, installed: () => string): void {
  if (existsSync(PYTHON) && installed().includes(version)) return
  if (!existsSync(PYTHON)) execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' })
  execFileSync(join(VENV, 'bin', 'pip'), ['install', '-q', `${pkg}==${version}`], { stdio: 'inherit' })
}

/** The .venv python, with networkx at its pinned version. */
export function ensureNetworkx (): string {
  ensurePip('networkx', NETWORKX_VERSION, () => spawnSync(PYTHON, ['-c', 'import networkx; print(networkx.__version__)'], { encoding: 'utf8' }).stdout.trim())
  return PYTHON
}

/** The .venv schemathesis command, at its pinned version. */
export function ensureSchemathesis (): string {
  const bin = join(VENV, 'bin', 'schemathesis')
  ensurePip('schemathesis', SCHEMATHESIS_VERSION, () => existsSync(bin) ? spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout : '')
  return bin
}
