/**
 * Audience-level wrappers of the engine's 相似人群 lookalike (SPEC §6.3) and 人货匹配 product
 * affinity (SPEC §5.4): they take and give audience flags, so a builder can chain them with tags.
 */
import { lookalike } from '../engine/lookalike';
import { productAffinity, type AffinityRecommendation } from '../engine/affinity';
import type { Snapshot } from '../engine/snapshot';
import { flagsToMembers, membersToFlags, type AudienceMembers } from './evaluate';

/** A lookalike audience: its members (flags, ascending indexes) and each one's similarity, most similar first. */
export interface LookalikeAudience extends AudienceMembers {
  /** Customer indexes, most similar first. */
  ranked: Int32Array;
  /** Cosine similarity of `ranked`, same order. */
  scores: Float64Array;
}

/**
 * The top `n` known customers most similar to the seed (seed members excluded), as of `asOfDay`
 * (a day number; default the snapshot's latest day with data).
 */
export function lookalikeAudience(snap: Snapshot, seedFlags: Uint8Array, n: number, asOfDay: number = snap.latestDay): LookalikeAudience {
  const r = lookalike(snap, flagsToMembers(seedFlags), asOfDay, n);
  const flags = membersToFlags(snap.customerCount, r.members);
  const members = flagsToMembers(flags);
  return { flags, members, size: members.length, ranked: r.members, scores: r.scores };
}

/** Products to offer an audience (given as flags or indexes): not yet bought by its members, ranked by expected buyers. */
export function affinityFor(snap: Snapshot, members: Uint8Array | Int32Array, opts: { top?: number; minCount?: number; minLift?: number } = {}): AffinityRecommendation[] {
  const list = members instanceof Uint8Array ? flagsToMembers(members) : members;
  return productAffinity(snap, list, opts);
}
