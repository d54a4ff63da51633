import { useEffect, useMemo, useState } from 'react';
import type { EngineClient } from '@/components/engine/client';
import type { DayWindow } from '@/lib/engine';
import { formatCount } from '@/lib/i18n/format';
import { textOf } from '@/lib/i18n/text';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import type { MemberRef } from '../types';
import { VirtualList } from '../VirtualList';
import { MemberActions } from './MemberActions';
import { MEMBER_ROW_HEIGHT, MemberHead, MemberRowView } from './MemberRowView';
import { useMemberPages } from './useMemberPages';

/** Typing settles this long before the worker is asked (one search per pause, not per key). */
const SEARCH_DELAY_MS = 200;

interface MemberDrawerProps {
  engine: EngineClient;
  shopId: string;
  token: string;
  window: DayWindow;
  member: MemberRef;
  t: (k: MessageKey) => string;
  lang: Lang;
  onClose: () => void;
}

/**
 * The people behind a number (issue 13 item 4): a drawer over the view with the tag's members for
 * the window — searchable, virtualised (read page by page from the worker), with 存为人群 and 导出.
 */
export function MemberDrawer(p: MemberDrawerProps) {
  const { t, lang, window } = p;
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && p.onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [p.onClose]);

  const list = useMemberPages({ engine: p.engine, shopId: p.shopId, token: p.token, window, tagId: p.member.tagId, query });
  const total = list.total ?? 0;
  const indexes = useMemo(() => Array.from({ length: total }, (_, i) => i), [total]);
  const say = (key: MessageKey, vars: Record<string, string | number>) => textOf(key, vars)[lang];
  const period = say('members_period', { start: window.start, end: window.end });

  return (
    <div className="member-backdrop" onClick={(e) => e.target === e.currentTarget && p.onClose()}>
      <aside className="member-drawer" role="dialog" aria-modal="true" aria-label={p.member.label} data-testid="members-drawer" data-tag={p.member.tagId}>
        <header className="member-top">
          <div>
            <h2 data-testid="members-title">{p.member.label}</h2>
            <div className="muted small">{period}</div>
          </div>
          <button type="button" className="link" data-testid="members-close" aria-label={t('members_close')} onClick={p.onClose}>
            ✕ {t('members_close')}
          </button>
        </header>
        <div className="member-count" data-testid="members-count" data-size={list.size ?? ''} data-total={list.total ?? ''}>
          {list.size === null ? t('members_loading') : query.trim() ? say('members_found', { found: formatCount(total), n: formatCount(list.size) }) : say(list.size === 1 ? 'members_countOne' : 'members_count', { n: formatCount(list.size) })}
        </div>
        <MemberActions engine={p.engine} shopId={p.shopId} token={p.token} window={window} tagId={p.member.tagId} defaultName={`${p.member.label} ${window.start}~${window.end}`} t={t} lang={lang} />
        <input className="member-search" type="search" data-testid="members-search" placeholder={t('members_search')} aria-label={t('members_search')} value={typed} onChange={(e) => setTyped(e.target.value)} />
        {list.error && (
          <div className="error" data-testid="members-error">
            {say('members_failed', { error: list.error })}
          </div>
        )}
        <MemberHead t={t} />
        {list.ready && total === 0 ? (
          <p className="empty" data-testid="members-empty">
            {query.trim() ? t('members_noMatch') : t('members_empty')}
          </p>
        ) : (
          <VirtualList testId="members-list" items={indexes} rowHeight={MEMBER_ROW_HEIGHT} height={520} render={(i) => <MemberRowView row={list.rowAt(i)} t={t} />} />
        )}
        <div className="muted small member-note">{say('members_note', { end: window.end })}</div>
      </aside>
    </div>
  );
}
