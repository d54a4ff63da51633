/**
 * 删除此客户 (issue 11 item 7, PIPL erasure): the merchant finds one customer of the shop by
 * nickname, buyer id or phone, confirms, and the engine worker erases them everywhere through
 * the one writer (records, raw captured rows, frozen export lists, caches).
 */
import { useState } from 'react';
import type { EngineClient } from '@/components/engine/client';
import type { CustomerMatch } from '@/components/engine/protocol';
import type { MessageKey } from '@/lib/i18n/messages';
import { writeLocalSetting } from '@/lib/db/settings/local';
import { tierStampSetting } from '@/lib/db/settings/registry';

export function EraseCustomer({ engine, shopId, token, t }: { engine: EngineClient; shopId: string; token: string | null; t: (k: MessageKey) => string }) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<CustomerMatch[] | null>(null);
  const [picked, setPicked] = useState<CustomerMatch | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function find() {
    if (!token || !query.trim()) return;
    setBusy(true);
    setError(null);
    setDone(null);
    setPicked(null);
    try {
      setMatches(await engine.findCustomers({ kind: 'findCustomers', shopId, token, query }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function erase(c: CustomerMatch) {
    setBusy(true);
    setError(null);
    try {
      await engine.eraseCustomer({ kind: 'eraseCustomer', shopId, customerKey: c.customerKey });
      // The tier lookup is gone with the erasure: console tabs drop their chips (they watch this stamp).
      if (typeof browser !== 'undefined' && browser.storage?.local)
        await writeLocalSetting(browser.storage.local, tierStampSetting, new Date().toISOString(), shopId).catch(() => undefined);
      setDone(c.nickname || c.customerKey);
      setPicked(null);
      setMatches(null);
      setQuery('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="erase-customer" data-testid="erase-customer">
      <h3>{t('eraseCustomerTitle')}</h3>
      <div className="muted small">{t('eraseCustomerNote')}</div>
      <form
        className="buttons"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <input data-testid="erase-customer-query" value={query} placeholder={t('eraseCustomerSearch')} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" data-testid="erase-customer-find" disabled={busy || !token || !query.trim()}>
          {t('eraseCustomerFind')}
        </button>
      </form>
      {matches && matches.length === 0 && <p className="empty small">{t('eraseCustomerNone')}</p>}
      {matches && matches.length > 0 && !picked && (
        <ul className="erase-matches" data-testid="erase-customer-matches">
          {matches.map((c) => (
            <li key={c.customerKey} data-testid="erase-customer-match">
              <b>{c.nickname || c.customerKey}</b> {c.buyerId ? <span className="muted">{c.buyerId}</span> : null} {c.phone ? <span className="muted num">{c.phone}</span> : null}{' '}
              <span className="muted small">
                {c.orders} {t('eraseCustomerOrders')}
              </span>{' '}
              <button type="button" className="link danger-link" data-testid="erase-customer-pick" onClick={() => setPicked(c)}>
                {t('eraseCustomerPick')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {picked && (
        <div className="confirm" data-testid="erase-customer-confirm-box">
          <div>
            {t('eraseCustomerConfirm')} <b>{picked.nickname || picked.customerKey}</b>
          </div>
          <div className="buttons">
            <button type="button" className="danger" data-testid="erase-customer-confirm" disabled={busy} onClick={() => void erase(picked)}>
              {t('deleteConfirmButton')}
            </button>
            <button type="button" data-testid="erase-customer-cancel" onClick={() => setPicked(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {done && (
        <div className="small up" data-testid="erase-customer-done">
          {t('eraseCustomerDone')} {done}
        </div>
      )}
      {error && (
        <div className="warn small" data-testid="erase-customer-error">
          {error}
        </div>
      )}
    </div>
  );
}
