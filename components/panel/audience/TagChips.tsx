import { useState } from 'react';
import { TAG_GROUP_LABELS, TAG_GROUPS, type TagInfo } from '@/lib/audience/tags';
import { formatCount } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

const CHIPS_SHOWN = 12;

/** True when a tag's label (either language) holds the merchant's search text. */
function matches(x: TagInfo, q: string): boolean {
  return x.zh.toLowerCase().includes(q) || x.en.toLowerCase().includes(q);
}

/**
 * 标签: the tag chips by group in the merchant's words, narrowed by a search over the labels (the first 12
 * of a group, more on demand; every match while searching); a click adds the tag to the target group.
 */
export function TagChips(p: {
  t: (k: MessageKey) => string;
  label: (x: { zh: string; en: string }) => string;
  tags: TagInfo[] | null;
  /** Where a click adds: the group's title. */
  targetTitle: string;
  onAdd: (id: string) => void;
}) {
  const { t, label, tags } = p;
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const groups = TAG_GROUPS.map((g) => ({ g, list: (tags ?? []).filter((x) => x.group === g && x.size > 0 && (!q || matches(x, q))) })).filter((x) => x.list.length > 0);
  return (
    <section>
      <h2>{t('tagChips')}</h2>
      <input
        type="search"
        className="tag-search"
        data-testid="tag-search"
        value={query}
        placeholder={t('audience_searchTags')}
        aria-label={t('audience_searchTags')}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="muted small">
        {t('addingTo')}: <b>{p.targetTitle}</b>
      </div>
      {!tags && <p className="muted">{t('computing')}</p>}
      {tags && groups.length === 0 && (
        <p className="empty small" data-testid="tag-no-match">
          {t('audience_noTagMatch')}
        </p>
      )}
      {groups.map(({ g, list }) => {
        const open = openGroups.has(g) || q !== '';
        return (
          <div key={g} className="chip-group" data-testid={`tag-group-${g}`}>
            <div className="chip-group-title">{label(TAG_GROUP_LABELS[g])}</div>
            <div className="chips">
              {(open ? list : list.slice(0, CHIPS_SHOWN)).map((x) => (
                <button key={x.id} type="button" className="chip" data-testid="tag-chip" data-tag={x.id} onClick={() => p.onAdd(x.id)}>
                  {label(x)} <span className="muted">{formatCount(x.size)}</span>
                </button>
              ))}
              {!q && list.length > CHIPS_SHOWN && (
                <button
                  type="button"
                  className="chip more"
                  onClick={() =>
                    setOpenGroups((s) => {
                      const next = new Set(s);
                      if (open) next.delete(g);
                      else next.add(g);
                      return next;
                    })
                  }
                >
                  {open ? t('showLess') : `${t('showMore')} (${list.length - CHIPS_SHOWN})`}
                </button>
              )}
            </div>
          </div>
        );
      })}
    </section>
  );
}
