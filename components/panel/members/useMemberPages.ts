import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineClient } from '@/components/engine/client';
import type { MemberRow } from '@/lib/audience/member-list';
import type { DayWindow } from '@/lib/engine';

/** Rows asked of the worker at once: a few screens of the list. */
const PAGE = 200;

interface Pages {
  /** Members of the whole list, and those answering the search (null until the first page is in). */
  size: number | null;
  total: number | null;
  pages: ReadonlyMap<number, MemberRow[]>;
  error: string | null;
}

const EMPTY: Pages = { size: null, total: null, pages: new Map(), error: null };

/**
 * A member list read page by page from the worker (a list may hold 100k members; the panel holds
 * the pages scrolled to). `rowAt(i)` is the row or undefined while its page is on the way.
 */
export function useMemberPages(p: { engine: EngineClient; shopId: string; token: string; window: DayWindow; tagId: string; query: string }) {
  const { engine, shopId, token, tagId, query } = p;
  const { start, end } = p.window;
  const [state, setState] = useState<Pages>(EMPTY);
  // Pages asked for by this list (a new list or search starts a new generation; late answers are dropped).
  const asked = useRef<{ gen: number; pages: Set<number> }>({ gen: 0, pages: new Set() });

  const load = useCallback(
    (page: number) => {
      const a = asked.current;
      if (a.pages.has(page)) return;
      a.pages.add(page);
      const gen = a.gen;
      engine
        .members({ kind: 'members', shopId, token, window: { from: start, to: end }, tagId, query, offset: page * PAGE, limit: PAGE })
        .then((r) => {
          if (gen !== asked.current.gen) return;
          setState((s) => ({ size: r.size, total: r.total, pages: new Map(s.pages).set(page, r.rows), error: null }));
        })
        .catch((e: Error) => gen === asked.current.gen && setState((s) => ({ ...s, error: e.message })));
    },
    [engine, shopId, token, start, end, tagId, query],
  );

  useEffect(() => {
    asked.current = { gen: asked.current.gen + 1, pages: new Set() };
    // The counts stay shown while the new search's first page comes.
    setState((s) => ({ ...EMPTY, size: s.size }));
    load(0);
  }, [load]);

  const rowAt = (i: number): MemberRow | undefined => {
    const page = Math.floor(i / PAGE);
    const rows = state.pages.get(page);
    // Asked after render (never while rendering): the row shows once its page is in.
    if (!rows) queueMicrotask(() => load(page));
    return rows?.[i - page * PAGE];
  };
  return { size: state.size, total: state.total, ready: state.pages.has(0), error: state.error, rowAt };
}
