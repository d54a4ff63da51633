import { useState } from 'react';
import { TAG_GROUP_LABELS, TAG_GROUPS, type TagInfo } from '@/lib/audience/tags';
import { formatCount } from '@/lib/i18n/format';
import type { MessageKey } from '@/lib/i18n/messages';

const CHIPS_SHOWN = 12;

/** 标签: the tag chips by group (the first 12 of a group, more on demand); a click adds the tag to the target group. */
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
  return (
    <section>
      <h2>{t('tagChips')}</h2>
      <div className="muted small">
        {t('addingTo')}: <b>{p.targetTitle}</b>
      </div>
      {!tags && <p className="muted">{t('computing')}</p>}
      {tags &&
        TAG_GROUPS.map((g) => {
          const list = tags.filter((x) => x.group === g && x.size > 0);
          if (list.length === 0) return null;
          const open = openGroups.has(g);
          return (
            <div key={g} className="chip-group" data-testid={`tag-group-${g}`}>
              <div className="chip-group-title">{label(TAG_GROUP_LABELS[g])}</div>
              <div className="chips">
                {(open ? list : list.slice(0, CHIPS_SHOWN)).map((x) => (
                  <button key={x.id} type="button" className="chip" data-testid="tag-chip" data-tag={x.id} title={x.id} onClick={() => p.onAdd(x.id)}>
                    {label(x)} <span className="muted">{formatCount(x.size)}</span>
                  </button>
                ))}
                {list.length > CHIPS_SHOWN && (
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
