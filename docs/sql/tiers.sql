-- seller-lens core report over the Parquet export: Douyin 用户资产 tiers (SPEC §3) and the
-- 店铺客户资产 layers (SPEC §4), one row per shop. Portable SQL (DuckDB, Spark SQL, Trino,
-- BigQuery): integer day numbers only, no date or timezone functions. See docs/sql/README.md.
WITH params AS (
  SELECT
    20758 AS w_start,        -- W.start: 2026-11-01 as a day number (days since 1970-01-01 in UTC+8)
    20787 AS w_end,          -- W.end: 2026-11-30, included
    0.3e0 AS threshold,      -- 高潜 threshold (SPEC §3 default)
    90 AS active_days        -- 进店活跃: a contact in the 90 days ending W.end
),
-- A paid order is paid / shipped / completed as last seen; it happens on paid_day, else placed_day.
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
-- Every customer: a customer record, or a key seen only in orders or contacts.
people AS (
  SELECT DISTINCT shop_id, customer_key
  FROM (
    SELECT shop_id, customer_key FROM customers
    UNION ALL
    SELECT shop_id, customer_key FROM touch
  ) k
),
per_touch AS (
  SELECT t.shop_id, t.customer_key,
    MIN(t.touch_day) AS first_touch,
    MAX(CASE WHEN t.touch_day BETWEEN p.w_start AND p.w_end THEN 1 ELSE 0 END) AS in_w,
    MAX(CASE WHEN t.touch_day BETWEEN p.w_end - p.active_days + 1 AND p.w_end THEN 1 ELSE 0 END) AS active
  FROM touch t CROSS JOIN params p
  GROUP BY t.shop_id, t.customer_key
),
per_paid AS (
  SELECT x.shop_id, x.customer_key,
    MAX(CASE WHEN x.pay_day BETWEEN p.w_start AND p.w_end THEN 1 ELSE 0 END) AS bought_in_w,
    MAX(CASE WHEN x.pay_day < p.w_start THEN 1 ELSE 0 END) AS bought_before
  FROM paid x CROSS JOIN params p
  GROUP BY x.shop_id, x.customer_key
),
per_record AS (
  SELECT shop_id, customer_key,
    MAX(CASE WHEN is_fan = TRUE OR is_member = TRUE THEN 1 ELSE 0 END) AS relation
  FROM customers
  GROUP BY shop_id, customer_key
),
per_customer AS (
  SELECT s.shop_id, s.customer_key,
    COALESCE(t.in_w, 0) AS in_w,
    COALESCE(b.bought_in_w, 0) AS bought_in_w,
    COALESCE(b.bought_before, 0) AS bought_before,
    -- known by W.end: first contact on or before it, or a customer record with no contact at all
    CASE WHEN t.first_touch <= p.w_end THEN 1
         WHEN t.first_touch IS NULL AND r.customer_key IS NOT NULL THEN 1
         ELSE 0 END AS known,
    COALESCE(t.active, 0) AS active,
    COALESCE(r.relation, 0) AS relation,
    CASE WHEN ps.probability >= p.threshold THEN 1 ELSE 0 END AS scored_high
  FROM people s
  CROSS JOIN params p
  LEFT JOIN per_touch t ON t.shop_id = s.shop_id AND t.customer_key = s.customer_key
  LEFT JOIN per_paid b ON b.shop_id = s.shop_id AND b.customer_key = s.customer_key
  LEFT JOIN per_record r ON r.shop_id = s.shop_id AND r.customer_key = s.customer_key
  LEFT JOIN propensity_scores ps
    ON ps.shop_id = s.shop_id AND ps.customer_key = s.customer_key AND ps.as_of_day = p.w_end
)
SELECT
  shop_id,
  SUM(in_w) AS users,                                                            -- 用户
  SUM(bought_in_w) AS purchasers,                                                -- 成交用户
  SUM(CASE WHEN bought_in_w = 1 AND bought_before = 0 THEN 1 ELSE 0 END) AS first_order,   -- 首单用户
  SUM(CASE WHEN bought_in_w = 1 AND bought_before = 1 THEN 1 ELSE 0 END) AS repeat_buyers, -- 复购用户
  SUM(CASE WHEN in_w = 1 AND bought_in_w = 0 AND scored_high = 1 THEN 1 ELSE 0 END) AS high_potential, -- 高潜用户
  SUM(CASE WHEN known = 1 AND relation = 1 THEN 1 ELSE 0 END) AS relationship,  -- 关系资产
  SUM(CASE WHEN known = 1 AND active = 1 THEN 1 ELSE 0 END) AS active,          -- 进店活跃资产
  SUM(CASE WHEN known = 1 AND active = 0 THEN 1 ELSE 0 END) AS dormant          -- 未进店资产
FROM per_customer
GROUP BY shop_id
ORDER BY shop_id;
