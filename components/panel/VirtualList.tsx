import { useState, type ReactNode } from 'react';

/**
 * A windowed list: only the rows in view (plus a few) are in the DOM, so a list of tens of
 * thousands of customers scrolls as lightly as one of ten. Rows have a fixed height.
 */
export function VirtualList<T>(p: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  render: (item: T, index: number) => ReactNode;
  testId?: string;
  overscan?: number;
}) {
  const [top, setTop] = useState(0);
  const overscan = p.overscan ?? 6;
  const first = Math.max(0, Math.floor(top / p.rowHeight) - overscan);
  const last = Math.min(p.items.length, Math.ceil((top + p.height) / p.rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++)
    rows.push(
      <div key={i} className="vrow" style={{ position: 'absolute', top: i * p.rowHeight, height: p.rowHeight, left: 0, right: 0 }}>
        {p.render(p.items[i]!, i)}
      </div>,
    );
  return (
    <div
      className="vlist"
      data-testid={p.testId}
      data-rows={p.items.length}
      style={{ height: Math.min(p.height, p.items.length * p.rowHeight + 2), overflowY: 'auto', position: 'relative' }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: p.items.length * p.rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
