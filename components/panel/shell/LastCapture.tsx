import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getDb, lastCaptureAt } from '@/lib/db';
import { formatAgo } from '@/lib/i18n/ago';
import type { Lang, MessageKey } from '@/lib/i18n/messages';
import { parseInstant } from '@/lib/model';

/** The clock, ticking once a minute (the "x 分钟前" text follows it). */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/** "上次采集 3 小时前" for the shop (live: a capture arriving updates it); the exact time in its tooltip. */
export function LastCapture({ shopId, t, lang }: { shopId: string | null; t: (k: MessageKey) => string; lang: Lang }) {
  const at = useLiveQuery(async () => (shopId ? lastCaptureAt(getDb(), shopId) : null), [shopId]);
  const now = useMinuteClock();
  if (!shopId || at === undefined) return null;
  if (at === null) return <span data-testid="last-capture">{t('glance.neverCaptured')}</span>;
  return (
    <span data-testid="last-capture" title={at.slice(0, 16).replace('T', ' ')}>
      {t('glance.lastCapture').replace('{ago}', formatAgo(parseInstant(at) ?? Number.NaN, now, lang))}
    </span>
  );
}
