import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { EngineClient } from '@/components/engine/client';
import type { DayWindow } from '@/lib/engine';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import type { MemberRef } from '../types';
import { MemberDrawer } from './MemberDrawer';

/**
 * The member drill of the dashboard: `open` (ViewProps.openMembers) shows the drawer of a number's
 * members for the window shown; `drawer` is where it renders. Closed when the shop changes.
 */
export function useMemberDrill(p: { engine: EngineClient; shopId: string | null; token: string | null | undefined; window: DayWindow | null; t: (k: MessageKey) => string; lang: Lang }): {
  open: (ref: MemberRef) => void;
  drawer: ReactNode;
} {
  const [ref, setRef] = useState<MemberRef | null>(null);
  useEffect(() => setRef(null), [p.shopId]);
  const close = useCallback(() => setRef(null), []);
  const drawer =
    ref && p.shopId && p.token != null && p.window ? (
      <MemberDrawer key={`${ref.tagId}|${p.window.start}|${p.window.end}`} engine={p.engine} shopId={p.shopId} token={p.token} window={p.window} member={ref} t={p.t} lang={p.lang} onClose={close} />
    ) : null;
  return { open: setRef, drawer };
}
