// Listens, and shuts down gracefully: on SIGINT/SIGTERM the API stops accepting requests,
// finishes those in flight, closes the driver, then runs `onStopped` (e.g. stop the local Neo4j).
import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import type { Config } from './config.js'

export interface ListenOptions {
  /** Runs after the app has closed; the local Neo4j is stopped here when start.ts started it. */
  onStopped?: () => Promise<void>
  /** How long shutdown (in-flight requests, driver, local Neo4j) may take before exit 1. */
  graceMs?: number
}

export async function listen (app: FastifyInstance, config: Config, options: ListenOptions = {}): Promise<string> {
  closeWithGrace({ delay: options.graceMs ?? 30_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
    await options.onStopped?.()
  })
  return app.listen({ host: config.HOST, port: config.PORT })
}
