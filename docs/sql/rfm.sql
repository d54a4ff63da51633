-- seller-lens core report over the Parquet export: RFM eight classes 八大客户类型 (SPEC §5.2)
-- as of W.end over paid orders in the L days ending W.end; one row per shop and class. R =
-- days from the last paid order's day to W.end, F = paid orders, M = paid amount; each is high
-- when better than or equal to the mean over those purchasers (compared exactly as x·n ≥ Σx).
-- Portable SQL (DuckDB, Spark SQL, Trino, BigQuery); see docs/sql/README.md.
WITH params AS (
  SELECT
    20787 AS w_end,          -- W.end: 2026-11-30 as a day number (days since 1970-01-01 in UTC+8)
    365 AS lookback_days     -- L (SPEC §2)
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
rfm AS (
  SELECT x.shop_id, x.customer_key,
    MIN(p.w_end - x.pay_day) AS r,
    COUNT(*) AS f,
    SUM(x.amount_fen) AS m
  FROM paid x
  CROSS JOIN params p
  WHERE x.pay_day > p.w_end - p.lookback_days AND x.pay_day <= p.w_end
  GROUP BY x.shop_id, x.customer_key
),
sums AS (
  SELECT shop_id, COUNT(*) AS n, SUM(r) AS sum_r, SUM(f) AS sum_f, SUM(m) AS sum_m
  FROM rfm
  GROUP BY shop_id
),
classed AS (
  SELECT c.shop_id,
    CASE WHEN c.m * s.n >= s.sum_m THEN 0 ELSE 4 END
    + CASE WHEN c.r * s.n <= s.sum_r THEN 0 ELSE 2 END
    + CASE WHEN c.f * s.n >= s.sum_f THEN 0 ELSE 1 END AS code
  FROM rfm c
  JOIN sums s ON s.shop_id = c.shop_id
),
class_names AS (
  SELECT 0 AS code, 'importantValue' AS rfm_class      -- 重要价值 R↑F↑M↑
  UNION ALL SELECT 1 AS code, 'importantDevelop' AS rfm_class  -- 重要发展 R↑F↓M↑
  UNION ALL SELECT 2 AS code, 'importantKeep' AS rfm_class     -- 重要保持 R↓F↑M↑
  UNION ALL SELECT 3 AS code, 'importantRetain' AS rfm_class   -- 重要挽留 R↓F↓M↑
  UNION ALL SELECT 4 AS code, 'generalValue' AS rfm_class      -- 一般价值 R↑F↑M↓
  UNION ALL SELECT 5 AS code, 'generalDevelop' AS rfm_class    -- 一般发展 R↑F↓M↓
  UNION ALL SELECT 6 AS code, 'generalKeep' AS rfm_class       -- 一般保持 R↓F↑M↓
  UNION ALL SELECT 7 AS code, 'generalRetain' AS rfm_class     -- 一般挽留 R↓F↓M↓
),
per_class AS (
  SELECT shop_id, code, COUNT(*) AS customers FROM classed GROUP BY shop_id, code
)
SELECT s.shop_id, n.rfm_class, COALESCE(k.customers, 0) AS customers
FROM shops s
CROSS JOIN class_names n
LEFT JOIN per_class k ON k.shop_id = s.shop_id AND k.code = n.code
ORDER BY s.shop_id, n.code;
