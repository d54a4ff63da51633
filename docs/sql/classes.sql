-- seller-lens core report over the Parquet export: Taobao 客户概况 classes (SPEC §4) — each
-- customer with a contact in W classed once by their first contact v in W — with the
-- purchasers(W) and GMV of each class; one row per shop, window (current / previous) and class.
-- Portable SQL (DuckDB, Spark SQL, Trino, BigQuery); see docs/sql/README.md.
WITH params AS (
  SELECT
    20758 AS w_start,        -- W.start: 2026-11-01 as a day number (days since 1970-01-01 in UTC+8)
    20787 AS w_end,          -- W.end: 2026-11-30, included
    365 AS lookback_days     -- L (SPEC §2)
),
-- W and the previous window (same length, ending the day before W.start).
win AS (
  SELECT 'current' AS period, w_start AS s, w_end AS e, lookback_days AS lb FROM params
  UNION ALL
  SELECT 'previous' AS period, 2 * w_start - w_end - 1 AS s, w_start - 1 AS e, lookback_days AS lb FROM params
),
-- Paid orders (status paid / shipped / completed as last seen), happening on paid_day else placed_day.
paid AS (
  SELECT shop_id, customer_key, amount_fen, COALESCE(paid_day, placed_day) AS pay_day
  FROM orders
  WHERE status IN ('paid', 'shipped', 'completed')
),
-- Every contact day: explicit contacts, every order at placedAt, every paid order at paidAt (SPEC §2).
touch AS (
  SELECT shop_id, customer_key, contact_day AS touch_day FROM contacts
  UNION ALL
  SELECT shop_id, customer_key, placed_day FROM orders
  UNION ALL
  SELECT shop_id, customer_key, paid_day FROM orders
  WHERE status IN ('paid', 'shipped', 'completed') AND paid_day IS NOT NULL
),
shops AS (
  SELECT DISTINCT shop_id
  FROM (
    SELECT shop_id FROM customers
    UNION ALL
    SELECT shop_id FROM touch
  ) k
),
-- Per window and customer with a contact in [W.start − L, W.end]: a contact before W, the first contact v in W.
tw AS (
  SELECT w.period, t.shop_id, t.customer_key,
    MAX(CASE WHEN t.touch_day < w.s THEN 1 ELSE 0 END) AS touched_before,
    MIN(CASE WHEN t.touch_day >= w.s THEN t.touch_day END) AS v
  FROM touch t
  CROSS JOIN win w
  WHERE t.touch_day >= w.s - w.lb AND t.touch_day <= w.e
  GROUP BY w.period, t.shop_id, t.customer_key
),
-- Per window and customer: a paid order in [W.start − L, W.start), bought in W, GMV in W.
pw AS (
  SELECT w.period, x.shop_id, x.customer_key,
    MAX(CASE WHEN x.pay_day < w.s THEN 1 ELSE 0 END) AS paid_before,
    MAX(CASE WHEN x.pay_day >= w.s THEN 1 ELSE 0 END) AS bought,
    SUM(CASE WHEN x.pay_day >= w.s THEN x.amount_fen ELSE 0 END) AS gmv_fen
  FROM paid x
  CROSS JOIN win w
  WHERE x.pay_day >= w.s - w.lb AND x.pay_day <= w.e
  GROUP BY w.period, x.shop_id, x.customer_key
),
-- The first contact v in W preceded by a paid order / by any contact in [v − L, v).
prior_paid AS (
  SELECT f.period, f.shop_id, f.customer_key
  FROM tw f
  JOIN win w ON w.period = f.period
  JOIN paid x ON x.shop_id = f.shop_id AND x.customer_key = f.customer_key
    AND x.pay_day >= f.v - w.lb AND x.pay_day < f.v
  GROUP BY f.period, f.shop_id, f.customer_key
),
prior_touch AS (
  SELECT f.period, f.shop_id, f.customer_key
  FROM tw f
  JOIN win w ON w.period = f.period
  JOIN touch t ON t.shop_id = f.shop_id AND t.customer_key = f.customer_key
    AND t.touch_day >= f.v - w.lb AND t.touch_day < f.v
  GROUP BY f.period, f.shop_id, f.customer_key
),
classed AS (
  SELECT f.period, f.shop_id, f.customer_key,
    CASE WHEN pp.customer_key IS NOT NULL THEN 'purchased_returning'    -- 已购客户回访
         WHEN pt.customer_key IS NOT NULL THEN 'unpurchased_returning'  -- 未购客户回访
         ELSE 'new_visitor' END AS customer_class,                      -- 新访客户
    COALESCE(q.bought, 0) AS bought,
    COALESCE(q.gmv_fen, 0) AS gmv_fen
  FROM tw f
  LEFT JOIN prior_paid pp ON pp.period = f.period AND pp.shop_id = f.shop_id AND pp.customer_key = f.customer_key
  LEFT JOIN prior_touch pt ON pt.period = f.period AND pt.shop_id = f.shop_id AND pt.customer_key = f.customer_key
  LEFT JOIN pw q ON q.period = f.period AND q.shop_id = f.shop_id AND q.customer_key = f.customer_key
  WHERE f.v IS NOT NULL
),
class_names AS (
  SELECT 'new_visitor' AS customer_class
  UNION ALL SELECT 'unpurchased_returning' AS customer_class
  UNION ALL SELECT 'purchased_returning' AS customer_class
),
per_class AS (
  SELECT period, shop_id, customer_class,
    COUNT(*) AS customers,
    SUM(bought) AS purchasers,
    SUM(gmv_fen) AS gmv_fen
  FROM classed
  GROUP BY period, shop_id, customer_class
)
SELECT s.shop_id, w.period, n.customer_class,
  COALESCE(c.customers, 0) AS customers,
  COALESCE(c.purchasers, 0) AS purchasers,
  COALESCE(c.gmv_fen, 0) AS gmv_fen
FROM shops s
CROSS JOIN win w
CROSS JOIN class_names n
LEFT JOIN per_class c ON c.shop_id = s.shop_id AND c.period = w.period AND c.customer_class = n.customer_class
ORDER BY s.shop_id, w.period, n.customer_class;
