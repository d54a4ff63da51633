-- seller-lens core report over the Parquet export: the daily series of the key metrics
-- (SPEC §5.1) — every day of W, days without sales included, purchasers distinct per day; one
-- row per shop and day. Days are generated from digits (no date functions, no recursion), so W
-- may be up to 10,000 days long. Portable SQL (DuckDB, Spark SQL, Trino, BigQuery); see
-- docs/sql/README.md.
WITH params AS (
  SELECT
    20758 AS w_start,        -- W.start: 2026-11-01 as a day number (days since 1970-01-01 in UTC+8)
    20787 AS w_end           -- W.end: 2026-11-30, included
),
digits AS (
  SELECT 0 AS d UNION ALL SELECT 1 AS d UNION ALL SELECT 2 AS d UNION ALL SELECT 3 AS d UNION ALL SELECT 4 AS d
  UNION ALL SELECT 5 AS d UNION ALL SELECT 6 AS d UNION ALL SELECT 7 AS d UNION ALL SELECT 8 AS d UNION ALL SELECT 9 AS d
),
days AS (
  SELECT p.w_start + a.d + 10 * b.d + 100 * c.d + 1000 * e.d AS day_number
  FROM params p
  CROSS JOIN digits a CROSS JOIN digits b CROSS JOIN digits c CROSS JOIN digits e
  WHERE p.w_start + a.d + 10 * b.d + 100 * c.d + 1000 * e.d <= p.w_end
),
-- Paid orders (status paid / shipped / completed as last seen), happening on paid_day else placed_day.
paid AS (
  SELECT shop_id, customer_key, amount_fen, COALESCE(paid_day, placed_day) AS pay_day
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
per_day AS (
  SELECT shop_id, pay_day,
    SUM(amount_fen) AS gmv_fen,
    COUNT(*) AS orders,
    COUNT(DISTINCT customer_key) AS purchasers
  FROM paid
  GROUP BY shop_id, pay_day
)
SELECT s.shop_id, d.day_number,
  COALESCE(x.gmv_fen, 0) AS gmv_fen,
  COALESCE(x.orders, 0) AS orders,
  COALESCE(x.purchasers, 0) AS purchasers
FROM shops s
CROSS JOIN days d
LEFT JOIN per_day x ON x.shop_id = s.shop_id AND x.pay_day = d.day_number
ORDER BY s.shop_id, d.day_number;
