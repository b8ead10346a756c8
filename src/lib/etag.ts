// One ETag for one answer: every /v1 GET and every write's answer hash the serialized body the
// same way, so a write's ETag is the one a later GET gives, and If-Match / If-None-Match compare
// like with like.
import { createHash } from 'node:crypto'

/** A weak validator: equal bodies, equal tags (the body is JSON, compared semantically). */
export function etagOf (payload: string | Buffer): string {
  return `W/"${createHash('sha1').update(payload).digest('base64url')}"`
}

/** Whether an If-Match / If-None-Match header names this ETag (or `*`); weak comparison. */
export function etagMatches (header: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag))
}
