-- seller-lens core report over the Parquet export: 价格带分布 (SPEC §5.1) — paid orders of W
-- counted by amount band, [0,50) [50,100) [100,200) [200,500) [500,∞) yuan by default (edit
-- the bands CTE; the last band is open-ended); one row per shop and band.
-- Portable SQL (DuckDB, Spark SQL, Trino, BigQuery); see docs/sql/README.md.
WITH params AS (
  SELECT
    20758 AS w_start,        -- W.start: 2026-11-01 as a day number (days since 1970-01-01 in UTC+8)
    20787 AS w_end           -- W.end: 2026-11-30, included
),
-- Each band: from_fen included, to_fen excluded (NULL: open-ended).
bands AS (
  SELECT 0 AS from_fen, 5000 AS to_fen
  UNION ALL SELECT 5000 AS from_fen, 10000 AS to_fen
  UNION ALL SELECT 10000 AS from_fen, 20000 AS to_fen
  UNION ALL SELECT 20000 AS from_fen, 50000 AS to_fen
  UNION ALL SELECT 50000 AS from_fen, CAST(NULL AS BIGINT) AS to_fen
),
-- Paid orders (status paid / shipped / completed as last seen), happening on paid_day else placed_day.
paid AS (
  SELECT shop_id, amount_fen, COALESCE(paid_day, placed_day) AS pay_day
  FROM orders
  WHERE status IN ('paid', 'shipped', 'completed')
),
shops AS (
  SELECT DISTINCT shop_id
  FROM (
    SELECT shop_id FROM customers
    UNION ALL
    SELECT shop_id FROM orders
    UNION ALL
    SELECT shop_id FROM contacts
  ) k
),
per_band AS (
  SELECT x.shop_id, e.from_fen, COUNT(*) AS orders
  FROM paid x
  CROSS JOIN params p
  CROSS JOIN bands e
  WHERE x.pay_day >= p.w_start AND x.pay_day <= p.w_end
    AND x.amount_fen >= e.from_fen AND (e.to_fen IS NULL OR x.amount_fen < e.to_fen)
  GROUP BY x.shop_id, e.from_fen
)
SELECT s.shop_id, e.from_fen, e.to_fen, COALESCE(b.orders, 0) AS orders
FROM shops s
CROSS JOIN bands e
LEFT JOIN per_band b ON b.shop_id = s.shop_id AND b.from_fen = e.from_fen
ORDER BY s.shop_id, e.from_fen;
