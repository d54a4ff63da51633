/**
 * The batch report's core figures with DuckDB (`@duckdb/node-api`), the way an analyst would:
 * the backup's record lines read straight from the file (read_csv, one line a row — the file is
 * one record per line), each record line cast to JSON, then group-bys and joins in SQL. Timed from
 * opening the file to the figures; no validation beyond what the casts do.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { ReportCoreFigures } from './report-figures';

const sq = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The statements that load the file's orders and contacts into tables `o` (orders) and `k` (every contact). */
function loadSql(file: string): string[] {
  return [
    `CREATE TEMP TABLE lines AS
       SELECT rtrim(trim(line), ',') AS l
       FROM read_csv(${sq(file)}, columns = {'line': 'VARCHAR'}, delim = '\\x01', quote = '', escape = '', header = false, auto_detect = false)`,
    `CREATE TEMP TABLE o AS
       SELECT j->>'customerKey' AS c, CAST(substr(j->>'placedAt', 1, 10) AS DATE) AS placed,
              CAST(substr(j->>'paidAt', 1, 10) AS DATE) AS paid_day,
              (j->>'status') IN ('paid', 'shipped', 'completed') AS is_paid, CAST(j->>'amountFen' AS BIGINT) AS amt
       FROM (SELECT CAST(l AS JSON) AS j FROM lines WHERE starts_with(l, '{"orderId"'))`,
    `CREATE TEMP TABLE k AS
       SELECT j->>'customerKey' AS c, CAST(substr(j->>'at', 1, 10) AS DATE) AS d
       FROM (SELECT CAST(l AS JSON) AS j FROM lines WHERE starts_with(l, '{"shopId"'))
       UNION ALL SELECT c, placed FROM o
       UNION ALL SELECT c, paid_day FROM o WHERE is_paid AND paid_day IS NOT NULL`,
    `CREATE TEMP TABLE p AS SELECT c, coalesce(paid_day, placed) AS h, amt FROM o WHERE is_paid`,
  ];
}

/** The figures of the window W = the 30 days ending the latest day with data (L = 365). */
const FIGURES_SQL = `
WITH w AS (SELECT e - 29 AS s, e FROM (SELECT greatest(max(d), (SELECT max(paid_day) FROM o)) AS e FROM k)),
fv AS (SELECT c, min(d) AS v FROM k, w WHERE d BETWEEN s AND e GROUP BY c),
buyers AS (SELECT c, sum(amt) AS gmv, count(*) AS n FROM p, w WHERE h BETWEEN s AND e GROUP BY c),
first_paid AS (SELECT c, min(h) AS f FROM p GROUP BY c),
bought AS (SELECT DISTINCT fv.c FROM fv JOIN p ON p.c = fv.c AND p.h >= fv.v - 365 AND p.h < fv.v),
looked AS (SELECT DISTINCT fv.c FROM fv JOIN k ON k.c = fv.c AND k.d >= fv.v - 365 AND k.d < fv.v),
cls AS (
  SELECT fv.c, fv.v, CASE WHEN b.c IS NOT NULL THEN 2 WHEN l.c IS NOT NULL THEN 1 ELSE 0 END AS cl
  FROM fv LEFT JOIN bought b ON b.c = fv.c LEFT JOIN looked l ON l.c = fv.c
),
seen_before AS (SELECT DISTINCT c FROM k, w WHERE d >= s - 365 AND d < s),
paid_before AS (SELECT DISTINCT c FROM p, w WHERE h >= s - 365 AND h < s),
u AS (SELECT c FROM seen_before EXCEPT SELECT c FROM paid_before)
SELECT
  (SELECT strftime(s, '%Y-%m-%d') FROM w) AS start, (SELECT strftime(e, '%Y-%m-%d') FROM w) AS "end",
  (SELECT count(*) FROM fv) AS users,
  (SELECT count(*) FROM buyers) AS purchasers,
  (SELECT count(*) FROM buyers JOIN first_paid USING (c), w WHERE f >= s) AS first_order,
  (SELECT coalesce(sum(gmv), 0) FROM buyers) AS gmv, (SELECT coalesce(sum(n), 0) FROM buyers) AS orders,
  (SELECT count(*) FILTER (cl = 0) FROM cls) AS new_visitors,
  (SELECT count(*) FILTER (cl = 1) FROM cls) AS unpurchased_returning,
  (SELECT count(*) FILTER (cl = 2) FROM cls) AS purchased_returning,
  (SELECT count(*) FROM cls WHERE cl = 0 AND EXISTS (SELECT 1 FROM p WHERE p.c = cls.c AND p.h = cls.v)) AS same_day,
  (SELECT count(*) FROM u) AS u_assets,
  (SELECT count(*) FROM u JOIN fv USING (c)) AS u_recalled,
  (SELECT count(*) FROM u JOIN fv USING (c) JOIN buyers USING (c)) AS u_converted,
  (SELECT count(*) FROM paid_before) AS p_assets,
  (SELECT count(*) FROM paid_before JOIN fv USING (c)) AS p_recalled,
  (SELECT count(*) FROM paid_before JOIN fv USING (c) JOIN buyers USING (c)) AS p_converted,
  (SELECT list({cl: cl, purchasers: n, gmv: g}) FROM (SELECT cl, count(*) AS n, sum(gmv) AS g FROM cls JOIN buyers USING (c) GROUP BY cl)) AS by_class
`;

/** The core figures of backup `file` computed by DuckDB (in-memory database, all cores). */
export async function duckdbFigures(file: string): Promise<ReportCoreFigures> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    for (const sql of loadSql(file)) await con.run(sql);
    const row = (await con.runAndReadAll(FIGURES_SQL)).getRowObjectsJson()[0]!;
    const n = (k: string) => Number(row[k]);
    const byClass = { newVisitors: { purchasers: 0, gmvFen: 0 }, unpurchasedReturning: { purchasers: 0, gmvFen: 0 }, purchasedReturning: { purchasers: 0, gmvFen: 0 } };
    const names = ['newVisitors', 'unpurchasedReturning', 'purchasedReturning'] as const;
    for (const x of (row.by_class ?? []) as { cl: number; purchasers: string | number; gmv: string | number }[])
      byClass[names[Number(x.cl)]!] = { purchasers: Number(x.purchasers), gmvFen: Number(x.gmv) };
    const purchasers = n('purchasers'), gmvFen = n('gmv');
    return {
      window: { start: String(row.start), end: String(row.end) },
      douyin: { users: n('users'), purchasers, firstOrder: n('first_order'), repeat: purchasers - n('first_order') },
      taobao: { newVisitors: n('new_visitors'), unpurchasedReturning: n('unpurchased_returning'), purchasedReturning: n('purchased_returning') },
      pathways: {
        newVisitorSameDay: { base: n('new_visitors'), converted: n('same_day') },
        unpurchasedReturn: { assets: n('u_assets'), recalled: n('u_recalled'), converted: n('u_converted') },
        repurchase: { assets: n('p_assets'), recalled: n('p_recalled'), converted: n('p_converted') },
      },
      byClass,
      metrics: { gmvFen, orders: n('orders'), purchasers, aovFen: purchasers === 0 ? null : Math.floor(gmvFen / purchasers + 0.5) },
    };
  } finally {
    con.closeSync();
    db.closeSync();
  }
}
