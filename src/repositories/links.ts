// How statement links are stored: each link type of the seed model (responds-to, ...) is its own
// relationship type. The one place that knows both names; the Cypher patterns that list them
// (RESPONDS_TO|CONTRADICTS|SUPPORTS|REPEATS) are checked against it by tests/repositories.
import type { Static } from '@sinclair/typebox'
import type { LinkTypeSchema } from '../domain/seed-model.js'

export type LinkType = Static<typeof LinkTypeSchema>

/** The relationship type of each link type: a link type added to the model fails to compile here. */
export const LINK_RELATIONSHIPS: Readonly<Record<LinkType, string>> = {
  'responds-to': 'RESPONDS_TO',
  contradicts: 'CONTRADICTS',
  supports: 'SUPPORTS',
  repeats: 'REPEATS',
}

const BY_RELATIONSHIP = new Map(Object.entries(LINK_RELATIONSHIPS).map(([type, rel]) => [rel, type]))

/** The link type a stored relationship type stands for. */
export function linkTypeOf (relationship: string): string {
  return BY_RELATIONSHIP.get(relationship) ?? relationship
}
