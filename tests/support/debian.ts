// Debian packages the tests need (Chromium, redis-server), installed with apt-get when missing:
// CI runs as root on a fresh machine. Nothing is downloaded from anywhere else.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Returns `binary`, installing Debian's `pkg` first when it is missing. */
export function ensureDebianPackage (binary: string, pkg: string): string {
  if (existsSync(binary)) return binary
  if (process.getuid?.() !== 0) {
    throw new Error(`${binary} is missing: install Debian's ${pkg} package (sudo apt-get install ${pkg})`)
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  // Another apt-get or dpkg (a second test run, unattended upgrades) may hold the locks: wait for
  // them, up to ten minutes, rather than fail at once.
  const wait = ['-o', 'DPkg::Lock::Timeout=600', '-o', 'Acquire::Retries=3']
  execFileSync('apt-get', [...wait, 'update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', [...wait, 'install', '-y', '-qq', '--no-install-recommends', pkg], { stdio: 'inherit', env })
  if (!existsSync(binary)) throw new Error(`apt-get install ${pkg} did not provide ${binary}`)
  return binary
}
