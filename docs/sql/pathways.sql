-- seller-lens core report over the Parquet export: the three Taobao pathways (通路, SPEC §4),
-- one row per shop and window (current / previous): 新访当日成交转化率, 回访成交率 (未购资产
-- 召回率 × 支付转化率), 老客复购率 (已购资产召回率 × 支付转化率). A rate whose denominator is 0 is
-- NULL. Portable SQL (DuckDB, Spark SQL, Trino, BigQuery); see docs/sql/README.md.
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
-- 新访: the first contact v in W has no contact (so no paid order either) in [v − L, v).
prior_touch AS (
  SELECT f.period, f.shop_id, f.customer_key
  FROM tw f
  JOIN win w ON w.period = f.period
  JOIN touch t ON t.shop_id = f.shop_id AND t.customer_key = f.customer_key
    AND t.touch_day >= f.v - w.lb AND t.touch_day < f.v
  GROUP BY f.period, f.shop_id, f.customer_key
),
same_day AS (
  SELECT f.period, f.shop_id, f.customer_key
  FROM tw f
  JOIN paid x ON x.shop_id = f.shop_id AND x.customer_key = f.customer_key AND x.pay_day = f.v
  GROUP BY f.period, f.shop_id, f.customer_key
),
per_customer AS (
  SELECT f.period, f.shop_id, f.customer_key,
    CASE WHEN f.v IS NOT NULL AND pt.customer_key IS NULL THEN 1 ELSE 0 END AS new_visitor,
    CASE WHEN f.v IS NOT NULL AND pt.customer_key IS NULL AND sd.customer_key IS NOT NULL THEN 1 ELSE 0 END AS same_day,
    -- 已购资产 P: a paid order in [W.start − L, W.start); 未购资产 U: a contact there and no paid order
    COALESCE(q.paid_before, 0) AS purchased_asset,
    CASE WHEN COALESCE(q.paid_before, 0) = 0 AND f.touched_before = 1 THEN 1 ELSE 0 END AS unpurchased_asset,
    CASE WHEN f.v IS NOT NULL THEN 1 ELSE 0 END AS recalled,
    COALESCE(q.bought, 0) AS bought
  FROM tw f
  LEFT JOIN prior_touch pt ON pt.period = f.period AND pt.shop_id = f.shop_id AND pt.customer_key = f.customer_key
  LEFT JOIN same_day sd ON sd.period = f.period AND sd.shop_id = f.shop_id AND sd.customer_key = f.customer_key
  LEFT JOIN pw q ON q.period = f.period AND q.shop_id = f.shop_id AND q.customer_key = f.customer_key
),
counts AS (
  SELECT s.shop_id, w.period,
    COALESCE(SUM(c.new_visitor), 0) AS new_visitors,
    COALESCE(SUM(c.same_day), 0) AS same_day_converted,
    COALESCE(SUM(c.unpurchased_asset), 0) AS u_assets,
    COALESCE(SUM(c.unpurchased_asset * c.recalled), 0) AS u_recalled,
    COALESCE(SUM(c.unpurchased_asset * c.recalled * c.bought), 0) AS u_converted,
    COALESCE(SUM(c.purchased_asset), 0) AS p_assets,
    COALESCE(SUM(c.purchased_asset * c.recalled), 0) AS p_recalled,
    COALESCE(SUM(c.purchased_asset * c.recalled * c.bought), 0) AS p_converted
  FROM shops s
  CROSS JOIN win w
  LEFT JOIN per_customer c ON c.shop_id = s.shop_id AND c.period = w.period
  GROUP BY s.shop_id, w.period
)
SELECT shop_id, period,
  -- 1. 新访当日成交转化率
  new_visitors AS same_day_base,
  same_day_converted,
  same_day_converted * 1e0 / NULLIF(new_visitors, 0) AS same_day_rate,
  -- 2. 回访成交率 = 未购资产召回率 × 支付转化率
  u_assets,
  u_recalled,
  u_recalled * 1e0 / NULLIF(u_assets, 0) AS u_recall_rate,
  u_converted,
  u_converted * 1e0 / NULLIF(u_recalled, 0) AS u_pay_conversion,
  u_converted * 1e0 / NULLIF(u_assets, 0) AS u_rate,
  -- 3. 老客复购率 = 已购资产召回率 × 支付转化率
  p_assets,
  p_recalled,
  p_recalled * 1e0 / NULLIF(p_assets, 0) AS p_recall_rate,
  p_converted,
  p_converted * 1e0 / NULLIF(p_recalled, 0) AS p_pay_conversion,
  p_converted * 1e0 / NULLIF(p_assets, 0) AS p_rate
FROM counts
ORDER BY shop_id, period;
