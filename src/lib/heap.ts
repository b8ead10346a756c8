// V8's heap sizing for the API process, set before anything else is loaded (src/start.ts
// imports this first).
//
// By default V8 lets the old generation grow to about three times what survived the last full
// collection before it collects again. While the API streams an export, each page of results it
// holds across a database round trip survives two scavenges and is promoted, so the old
// generation climbed in a sawtooth from ~30 MB to ~95 MB live and the process went from ~130 MB
// resident idle to 225-266 MB, over the 200 MB an export may use (issue 14). With
// --optimize-for-size V8 grows the heap by smaller steps and keeps a smaller young generation:
// on the 10k benchmark graph the same five exports peaked at 117-124 MiB instead of 188-227 MiB
// (idle 88 instead of 131 MiB). The price is more frequent collection, i.e. some CPU per request;
// see bench/results/export.md for what the exports cost with it.
//
// Set at run time because `node` accepts V8 flags only on its command line, which `npm start`,
// the Dockerfile and the benchmark would each have to repeat. The growing factor is read at
// every collection, so the flag takes effect although the heap already exists.
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--optimize-for-size')
