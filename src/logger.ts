import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'

/** pino options: JSON lines (each request's lines carry reqId); pretty output only on a TTY. */
export function loggerOptions (config: Config): FastifyServerOptions['logger'] {
  const base = {
    level: config.LOG_LEVEL,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]'], censor: '[redacted]' },
  }
  if (process.stdout.isTTY) {
    return { ...base, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } }
  }
  return base
}
