// The V8 flags the API process runs under: package.json's `start`, the Dockerfile's CMD and the
// benchmark's API all pass these (tests/runtime-flags.test.ts checks that they agree).
//
// Young-generation semi-spaces of 32 MiB instead of V8's 16: every request decodes its records
// and writes its JSON anew, so most of what it allocates dies young, and with twice the room
// fewer of those objects live through a scavenge. Measured on the 1M bench graph (statements
// about the mid actor, autocannon at 16 connections, 4 rounds of 10 s in rotating order, the same
// build with 16 / 32 / 64 MiB): 395 / 452 / 454 req/s on average, API CPU 2.66 / 2.25 / 2.21 ms
// per request; at 64 connections no difference; peak RSS 134 / 144 / 141 MB (the hub's
// who-said-what-about at 64 connections: 173 / 168 / 167 MB).
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32']
