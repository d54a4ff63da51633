/** The column-mapping dialog (zh-CN, in the overlay's shadow root): the merchant picks a field, or 忽略, per column. */
import { useMemo, useState } from 'react';
import { headerKey } from '@/lib/capture/columns';
import { CONFIDENT, FIELD_LABELS, GENERIC_FIELDS, type ColumnChoice, type ColumnMapping, type TableKind } from '@/lib/capture/generic';

export interface DialogTable {
  signature: string;
  headers: string[];
  mapping: ColumnMapping[];
  kind: TableKind;
  confident: boolean;
  rows: string[][];
}

export const KIND_LABELS: Record<TableKind, string> = { orders: '订单表', customers: '客户表', contacts: '访客表', rows: '仅保存原始行' };

function status(m: ColumnMapping): { text: string; cls: string } {
  if (m.source === 'saved') return { text: '已确认', cls: 'ok' };
  if (!m.field) return { text: '未识别', cls: 'none' };
  return m.confidence >= CONFIDENT ? { text: '已识别', cls: 'ok' } : { text: '待确认', cls: 'warn' };
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
    <div className="sl-dialog" role="dialog" aria-label="列映射" data-testid="mapping-dialog">
      <div className="sl-dialog-head">
        <strong>列映射</strong>
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
                表格 {i + 1}（{t.headers.slice(0, 3).join('、')}…）
              </option>
            ))}
          </select>
        )}
        <span className="sl-kind" data-testid="mapping-kind" data-kind={table.kind}>
          识别为：{KIND_LABELS[table.kind]}
          {table.confident ? '' : '（确认后才生成订单/客户记录）'}
        </span>
      </div>
      <div className="sl-dialog-body">
        <table className="sl-map">
          <thead>
            <tr>
              <th>表头</th>
              <th>示例</th>
              <th>对应字段</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {table.mapping.map((m) => {
              const st = status(m);
              return (
                <tr key={m.col} data-testid={`mapping-row-${m.col}`} data-field={m.field ?? ''} data-confidence={m.confidence}>
                  <td>{m.header || `第 ${m.col + 1} 列`}</td>
                  <td className="sl-sample">{sample(m.col)}</td>
                  <td>
                    <select
                      data-testid={`mapping-select-${m.col}`}
                      value={choices[m.col] ?? 'ignore'}
                      onChange={(e) => setChoices({ ...choices, [m.col]: e.target.value as ColumnChoice })}
                    >
                      <option value="ignore">忽略</option>
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
        <span className="sl-hint">映射按网址规则记住，下次采集自动使用。</span>
        <button type="button" data-testid="mapping-cancel" onClick={onClose}>
          取消
        </button>
        <button type="button" className="sl-primary" data-testid="mapping-save" onClick={save}>
          保存映射
        </button>
      </div>
    </div>
  );
}
