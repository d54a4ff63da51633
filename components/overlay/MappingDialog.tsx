/** The column-mapping dialog (in the overlay's language and shadow root): the merchant picks a field, or 忽略, per column. */
import { useMemo, useState } from 'react';
import { headerKey } from '@/lib/capture/columns';
import { CONFIDENT, FIELD_LABELS, GENERIC_FIELDS, type ColumnChoice, type ColumnMapping, type TableKind } from '@/lib/capture/generic';
import { overlayText as tr } from './text';

export interface DialogTable {
  signature: string;
  headers: string[];
  mapping: ColumnMapping[];
  kind: TableKind;
  confident: boolean;
  rows: string[][];
}


/** The table kind's name in the overlay's language (read when drawn: the merchant may have switched). */
const kindLabel = (kind: TableKind): string =>
  ({ orders: tr('mapping_kindOrders'), customers: tr('mapping_kindCustomers'), contacts: tr('mapping_kindContacts'), rows: tr('mapping_kindRows') })[kind];

function status(m: ColumnMapping): { text: string; cls: string } {
  if (m.source === 'saved') return { text: tr('mapping_saved'), cls: 'ok' };
  if (!m.field) return { text: tr('mapping_unknown'), cls: 'none' };
  return m.confidence >= CONFIDENT ? { text: tr('mapping_recognised'), cls: 'ok' } : { text: tr('mapping_review'), cls: 'warn' };
}

/** One table's columns with a field picker each; saving remembers the choices for this URL pattern. */
export function MappingDialog({ tables, onSave, onClose }: { tables: DialogTable[]; onSave: (choices: Record<string, ColumnChoice>) => void; onClose: () => void }) {
  const [index, setIndex] = useState(() => Math.max(0, tables.findIndex((t) => !t.confident)));
  const table = tables[Math.min(index, tables.length - 1)];
  const initial = useMemo(() => Object.fromEntries((table?.mapping ?? []).map((m) => [m.col, (m.field ?? 'ignore') as ColumnChoice])), [table]);
  const [choices, setChoices] = useState<Record<number, ColumnChoice>>(initial);
  if (!table) return null;
  const sample = (col: number) =>
    table.rows
      .map((r) => r[col] ?? '')
      .filter((v) => v !== '')
      .slice(0, 2)
      .join(' · ');
  const save = () => onSave(Object.fromEntries(table.headers.map((h, col) => [headerKey(h), choices[col] ?? 'ignore'])));
  return (
    <div className="sl-dialog" role="dialog" aria-label={tr('mapping_title')} data-testid="mapping-dialog">
      <div className="sl-dialog-head">
        <strong>{tr('mapping_title')}</strong>
        {tables.length > 1 && (
          <select
            data-testid="mapping-table"
            value={index}
            onChange={(e) => {
              const i = Number(e.target.value);
              setIndex(i);
              setChoices(Object.fromEntries(tables[i]!.mapping.map((m) => [m.col, (m.field ?? 'ignore') as ColumnChoice])));
            }}
          >
            {tables.map((t, i) => (
              <option key={t.signature} value={i}>
                {tr('mapping_table', { n: i + 1, headers: t.headers.slice(0, 3).join('、') })}
              </option>
            ))}
          </select>
        )}
        <span className="sl-kind" data-testid="mapping-kind" data-kind={table.kind}>
          {tr('mapping_kind', { kind: kindLabel(table.kind) })}
          {table.confident ? '' : tr('mapping_unconfirmed')}
        </span>
      </div>
      <div className="sl-dialog-body">
        <table className="sl-map">
          <thead>
            <tr>
              <th>{tr('mapping_header')}</th>
              <th>{tr('mapping_sample')}</th>
              <th>{tr('mapping_field')}</th>
              <th>{tr('mapping_status')}</th>
            </tr>
          </thead>
          <tbody>
            {table.mapping.map((m) => {
              const st = status(m);
              return (
                <tr key={m.col} data-testid={`mapping-row-${m.col}`} data-field={m.field ?? ''} data-confidence={m.confidence}>
                  <td>{m.header || tr('mapping_column', { n: m.col + 1 })}</td>
                  <td className="sl-sample">{sample(m.col)}</td>
                  <td>
                    <select
                      data-testid={`mapping-select-${m.col}`}
                      value={choices[m.col] ?? 'ignore'}
                      onChange={(e) => setChoices({ ...choices, [m.col]: e.target.value as ColumnChoice })}
                    >
                      <option value="ignore">{tr('mapping_ignore')}</option>
                      {GENERIC_FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {FIELD_LABELS[f]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className={`sl-st sl-st-${st.cls}`}>{st.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="sl-dialog-foot">
        <span className="sl-hint">{tr('mapping_hint')}</span>
        <button type="button" data-testid="mapping-cancel" onClick={onClose}>
          {tr('mapping_cancel')}
        </button>
        <button type="button" className="sl-primary" data-testid="mapping-save" onClick={save}>
          {tr('mapping_save')}
        </button>
      </div>
    </div>
  );
}
