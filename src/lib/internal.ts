// Requests the API makes to itself (a write reading back what it wrote, to answer with the same
// body and ETag as GET) carry a per-process random token, so they do not count against the
// caller's rate limit. The token never leaves the process.
import { randomBytes } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

export const INTERNAL_HEADER = 'x-whosaid-internal'

export function newInternalToken (): string {
  return randomBytes(32).toString('hex')
}

export function isInternal (request: FastifyRequest, token: string): boolean {
  return request.headers[INTERNAL_HEADER] === token
}

declare module 'fastify' {
  interface FastifyInstance {
    internalToken: string
  }
}
