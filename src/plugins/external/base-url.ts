// The API's public base URL, for the stable URIs JSON-LD gives every node: PUBLIC_BASE_URL when
// set (behind a proxy or load balancer, where the Host header is not the public name), else the
// protocol and Host of the request itself.
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../../config.js'

declare module 'fastify' {
  interface FastifyInstance {
    publicBaseUrl: string | null
  }
}

export default fp<{ config: Config }>(async (fastify, { config }) => {
  fastify.decorate('publicBaseUrl', config.PUBLIC_BASE_URL ? config.PUBLIC_BASE_URL.replace(/\/+$/, '') : null)
}, { name: 'base-url' })

/** The base URL (no trailing slash) the URIs of this request's answer are built on. */
export function baseUrl (request: FastifyRequest): string {
  return request.server.publicBaseUrl ?? `${request.protocol}://${request.host}`
}

/** Whether the Accept header asks for JSON-LD at least as much as for plain JSON. */
export function prefersJsonLd (accept: string | undefined): boolean {
  if (!accept) return false
  const q = (type: string): number => {
    for (const part of accept.split(',')) {
      const [name, ...params] = part.trim().split(';')
      if (name?.trim().toLowerCase() !== type) continue
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return qParam ? Number(qParam.slice(2)) || 0 : 1
    }
    return -1
  }
  const ld = q('application/ld+json')
  return ld > 0 && ld >= q('application/json')
}
