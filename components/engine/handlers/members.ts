/**
 * The member drill (issue 13 item 4): the members behind a tier card, RFM class or pathway step —
 * a tag of the window's tag index (the 人群 builder's, so a saved audience of the tag has the same
 * members) — one page at a time, searched here: a list may hold 100k members, the panel only the
 * rows in view. The last list and its last search are kept, so scrolling and typing cost a slice
 * (100k members, warm: about 0.5 s to open, 10 ms a search).
 */
import { memberMatches, memberRows, memberSearchText, type MemberRow } from '@/lib/audience/member-list';
import type { Snapshot } from '@/lib/engine';
import { textOf } from '@/lib/i18n/text';
import { tagIndexOf } from '../audience-jobs';
import { snapshotFor } from '../snapshot-cache';
import { audienceContext } from './audience';
import { windowOf, type Handler } from './context';

/** Rows one answer carries at most. */
const PAGE_MAX = 500;

/** The last list asked for (one snapshot, window and tag) and its rows answering the last search. */
let last: { snap: Snapshot; key: string; rows: MemberRow[]; texts: string[] | null; query: string; found: MemberRow[] } | null = null;

/** `members`: rows [offset, offset + limit) of a tag's members answering `query`, with the counts. */
export const handleMembers: Handler<'members'> = async (req, h) => {
  const c = await snapshotFor(req.shopId, req.token, h.progress, true);
  const ctx = audienceContext(c);
  const { window } = windowOf(c, req.window);
  const key = `${window.start}~${window.end}|${req.tagId}`;
  if (!last || last.snap !== c.snap || last.key !== key) {
    const members = tagIndexOf(ctx, window).members(req.tagId);
    if (!members) {
      const m = textOf('members_unknownTag', { id: req.tagId });
      throw new Error(`${m.en} (${m.zh})`);
    }
    const rows = memberRows(c.snap, ctx.customers, members, window);
    last = { snap: c.snap, key, rows, texts: null, query: '', found: rows };
  }
  if (last.query !== req.query) {
    // The search texts are made on the first search (opening a 100k list does not wait for them).
    const texts = last.texts ?? last.rows.map(memberSearchText);
    last = { ...last, texts, query: req.query, found: last.rows.filter((r, i) => memberMatches(r, req.query, texts[i])) };
  }
  const offset = Math.max(0, Math.min(req.offset, last.found.length));
  const limit = Math.max(0, Math.min(req.limit, PAGE_MAX));
  h.post({ id: req.id, ok: true, kind: 'members', result: { size: last.rows.length, total: last.found.length, offset, rows: last.found.slice(offset, offset + limit) } });
};
