// Debian packages the tests need (Chromium, redis-server), installed with apt-get when missing:
// CI runs as root on a fresh machine. Nothing is downloaded from anywhere else.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Installs, in one apt-get run, each Debian package whose binary is missing. */
export function ensureDebianPackages (wanted: Array<{ binary: string, pkg: string }>): void {
  const missing = wanted.filter((w) => !existsSync(w.binary))
  if (missing.length === 0) return
  const pkgs = missing.map((m) => m.pkg)
  if (process.getuid?.() !== 0) {
    throw new Error(`${missing.map((m) => m.binary).join(', ')} missing: install Debian's ${pkgs.join(' ')} (sudo apt-get install ${pkgs.join(' ')})`)
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  // Another apt-get or dpkg (a second test run, unattended upgrades) may hold the locks: wait for
  // them, up to ten minutes, rather than fail at once.
  const wait = ['-o', 'DPkg::Lock::Timeout=600', '-o', 'Acquire::Retries=3']
  execFileSync('apt-get', [...wait, 'update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', [...wait, 'install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env })
  for (const m of missing) if (!existsSync(m.binary)) throw new Error(`apt-get install ${m.pkg} did not provide ${m.binary}`)
}
