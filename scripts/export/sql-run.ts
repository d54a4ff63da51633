/**
 * Running a docs/sql file on DuckDB over exported Parquet files (`npm run export -- --sql <file>
 * --parquet <dir>`): the five tables as views under the plain names the SQL uses, the window
 * written into the file's params CTE, the result as rows. <dir> is one shop's export, or a
 * folder of them (one subfolder per shop: every shop in one table, as an agency loads them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { dayFromNumber, dayNumber } from '../../lib/model';

const TABLES = ['customers', 'orders', 'order_items', 'contacts', 'propensity_scores'] as const;

/** A docs/sql file's text with its params CTE set to the window (day numbers; `w_start` only where the file has it). */
export function withWindow(sql: string, startDay: number, endDay: number): string {
  return sql.replace(/-?\d+ AS w_start\b/, `${startDay} AS w_start`).replace(/-?\d+ AS w_end\b/, `${endDay} AS w_end`);
}

/** The rows of a query result, as plain values (integers as numbers). */
export interface SqlResult {
  window: { start: string; end: string };
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Runs `sqlFile` over the export(s) in `dir`; the window defaults to the one the 高潜 scores belong to. */
export async function runSqlFile(sqlFile: string, dir: string, range: { from?: string; to?: string } = {}): Promise<SqlResult> {
  const sql = readFileSync(sqlFile, 'utf8');
  const single = existsSync(join(dir, 'orders.parquet'));
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    for (const t of TABLES) {
      const files = single ? join(dir, `${t}.parquet`) : join(dir, '*', `${t}.parquet`);
      await conn.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet(${quote(files)})`);
    }
    let start = range.from !== undefined ? dayNumber(range.from) : null;
    let end = range.to !== undefined ? dayNumber(range.to) : null;
    if (start === null || end === null) {
      const w = (await conn.runAndReadAll('SELECT MIN(window_start_day), MAX(window_start_day), MIN(as_of_day), MAX(as_of_day) FROM propensity_scores')).getRows()[0]!;
      if (w[0] === null) throw new Error('no 高潜 scores to take the window from: give --from and --to');
      if (w[0] !== w[1] || w[2] !== w[3]) throw new Error('the exports were scored for different windows: give --from and --to');
      end ??= Number(w[2]);
      start ??= range.to !== undefined ? end - 29 : Number(w[0]);
    }
    if (start > end) throw new Error(`window start ${dayFromNumber(start)} is after its end ${dayFromNumber(end)}`);
    const reader = await conn.runAndReadAll(withWindow(sql, start, end));
    const rows = reader.getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : (v as string | number | boolean | null))));
    return { window: { start: dayFromNumber(start), end: dayFromNumber(end) }, columns: reader.columnNames(), rows };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/** A result as an aligned text table. */
export function resultTable(r: SqlResult): string {
  const cells = [r.columns, ...r.rows.map((row) => row.map((v) => (v === null ? '—' : String(v))))];
  const width = r.columns.map((_, j) => Math.max(...cells.map((row) => row[j]!.length)));
  return cells.map((row) => row.map((v, j) => (typeof r.rows[0]?.[j] === 'number' ? v.padStart(width[j]!) : v.padEnd(width[j]!))).join('  ').trimEnd()).join('\n');
}
