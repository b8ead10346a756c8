// Python tools the tests use, pinned and installed from PyPI into the project's .venv/ on first
// use: networkx (reads the GraphML and GEXF exports) and Schemathesis (the fuzz run).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const VENV = '.venv'
export const PYTHON = join(VENV, 'bin', 'python')
const SCHEMATHESIS = join(VENV, 'bin', 'schemathesis')

export const NETWORKX_VERSION = '3.6.1'
export const SCHEMATHESIS_VERSION = '4.32.5'

const networkxReady = (): boolean => existsSync(PYTHON) &&
  spawnSync(PYTHON, ['-c', 'import networkx; print(networkx.__version__)'], { encoding: 'utf8' }).stdout.trim() === NETWORKX_VERSION
const schemathesisReady = (): boolean => existsSync(SCHEMATHESIS) &&
  spawnSync(SCHEMATHESIS, ['--version'], { encoding: 'utf8' }).stdout.includes(SCHEMATHESIS_VERSION)

function pipInstall (requirements: string[]): void {
  if (!existsSync(PYTHON)) execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' })
  execFileSync(join(VENV, 'bin', 'pip'), ['install', '-q', ...requirements], { stdio: 'inherit' })
}

/** The .venv python, with networkx at its pinned version. */
export function ensureNetworkx (): string {
  if (!networkxReady()) pipInstall([`networkx==${NETWORKX_VERSION}`])
  return PYTHON
}

/** The .venv schemathesis command, at its pinned version. */
export function ensureSchemathesis (): string {
  if (!schemathesisReady()) pipInstall([`schemathesis==${SCHEMATHESIS_VERSION}`])
  return SCHEMATHESIS
}

/** Both, in one pip run when either is missing. */
export function ensurePythonTools (): void {
  if (!networkxReady() || !schemathesisReady()) pipInstall([`networkx==${NETWORKX_VERSION}`, `schemathesis==${SCHEMATHESIS_VERSION}`])
}
