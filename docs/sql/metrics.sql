-- seller-lens core report over the Parquet export: key metrics 成交指标 (SPEC §5.1) of every
-- customer over W, with the previous window's totals and the change vs them; one row per shop.
-- Portable SQL (DuckDB, Spark SQL, Trino, BigQuery); see docs/sql/README.md.
-- The daily series and the price bands are metrics_daily.sql and metrics_price_bands.sql.
WITH params AS (
  SELECT
    20758 AS w_start,        -- W.start: 2026-11-01 as a day number (days since 1970-01-01 in UTC+8)
    20787 AS w_end           -- W.end: 2026-11-30, included
),
win AS (
  SELECT 'current' AS period, w_start AS s, w_end AS e FROM params
  UNION ALL
  SELECT 'previous' AS period, 2 * w_start - w_end - 1 AS s, w_start - 1 AS e FROM params
),
-- Paid orders (status paid / shipped / completed as last seen), happening on paid_day else placed_day.
paid AS (
  SELECT shop_id, customer_key, amount_fen, channel, traffic, COALESCE(paid_day, placed_day) AS pay_day
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
-- Fan status as last seen.
fans AS (
  SELECT shop_id, customer_key FROM customers WHERE is_fan = TRUE GROUP BY shop_id, customer_key
),
per_window AS (
  SELECT w.period, x.shop_id,
    SUM(x.amount_fen) AS gmv_fen,
    COUNT(*) AS orders,
    COUNT(DISTINCT x.customer_key) AS purchasers,
    SUM(CASE WHEN x.channel = 'live' THEN x.amount_fen ELSE 0 END) AS gmv_live,
    SUM(CASE WHEN x.channel = 'video' THEN x.amount_fen ELSE 0 END) AS gmv_video,
    SUM(CASE WHEN x.channel = 'card' THEN x.amount_fen ELSE 0 END) AS gmv_card,
    SUM(CASE WHEN x.channel = 'other' THEN x.amount_fen ELSE 0 END) AS gmv_other,
    COUNT(DISTINCT CASE WHEN x.traffic = 'paid' THEN x.customer_key END) AS persons_paid,
    COUNT(DISTINCT CASE WHEN x.traffic = 'organic' THEN x.customer_key END) AS persons_organic,
    COUNT(DISTINCT CASE WHEN x.traffic = 'unknown' THEN x.customer_key END) AS persons_unknown,
    SUM(CASE WHEN x.traffic = 'paid' THEN x.amount_fen ELSE 0 END) AS gmv_paid,
    SUM(CASE WHEN x.traffic = 'organic' THEN x.amount_fen ELSE 0 END) AS gmv_organic,
    SUM(CASE WHEN x.traffic = 'unknown' THEN x.amount_fen ELSE 0 END) AS gmv_unknown,
    SUM(CASE WHEN f.customer_key IS NOT NULL THEN x.amount_fen ELSE 0 END) AS gmv_fans
  FROM paid x
  CROSS JOIN win w
  LEFT JOIN fans f ON f.shop_id = x.shop_id AND f.customer_key = x.customer_key
  WHERE x.pay_day >= w.s AND x.pay_day <= w.e
  GROUP BY w.period, x.shop_id
),
cur AS (
  SELECT s.shop_id,
    COALESCE(m.gmv_fen, 0) AS gmv_fen, COALESCE(m.orders, 0) AS orders, COALESCE(m.purchasers, 0) AS purchasers,
    COALESCE(m.gmv_live, 0) AS gmv_live, COALESCE(m.gmv_video, 0) AS gmv_video,
    COALESCE(m.gmv_card, 0) AS gmv_card, COALESCE(m.gmv_other, 0) AS gmv_other,
    COALESCE(m.persons_paid, 0) AS persons_paid, COALESCE(m.persons_organic, 0) AS persons_organic,
    COALESCE(m.persons_unknown, 0) AS persons_unknown,
    COALESCE(m.gmv_paid, 0) AS gmv_paid, COALESCE(m.gmv_organic, 0) AS gmv_organic, COALESCE(m.gmv_unknown, 0) AS gmv_unknown,
    COALESCE(m.gmv_fans, 0) AS gmv_fans
  FROM shops s
  LEFT JOIN per_window m ON m.shop_id = s.shop_id AND m.period = 'current'
),
prev AS (
  SELECT s.shop_id,
    COALESCE(m.gmv_fen, 0) AS gmv_fen, COALESCE(m.orders, 0) AS orders, COALESCE(m.purchasers, 0) AS purchasers
  FROM shops s
  LEFT JOIN per_window m ON m.shop_id = s.shop_id AND m.period = 'previous'
),
-- 客单价 = GMV ÷ 成交人数 in fen, rounded half up; NULL without purchasers.
aov AS (
  SELECT c.shop_id,
    CASE WHEN c.purchasers = 0 THEN NULL ELSE CAST(FLOOR(c.gmv_fen * 1e0 / c.purchasers + 0.5e0) AS BIGINT) END AS aov_fen,
    CASE WHEN p.purchasers = 0 THEN NULL ELSE CAST(FLOOR(p.gmv_fen * 1e0 / p.purchasers + 0.5e0) AS BIGINT) END AS prev_aov_fen
  FROM cur c
  JOIN prev p ON p.shop_id = c.shop_id
)
SELECT c.shop_id,
  c.gmv_fen,                                                        -- 成交金额
  c.orders,                                                         -- 成交订单数
  c.purchasers,                                                     -- 成交人数
  a.aov_fen,                                                        -- 客单价
  c.gmv_live, c.gmv_video, c.gmv_card, c.gmv_other,                 -- 体裁 split of GMV
  c.persons_paid * 1e0 / NULLIF(c.purchasers, 0) AS persons_share_paid,        -- 成交流量来源人数占比
  c.persons_organic * 1e0 / NULLIF(c.purchasers, 0) AS persons_share_organic,
  c.persons_unknown * 1e0 / NULLIF(c.purchasers, 0) AS persons_share_unknown,
  c.gmv_paid * 1e0 / NULLIF(c.gmv_fen, 0) AS gmv_share_paid,                   -- 成交金额占比
  c.gmv_organic * 1e0 / NULLIF(c.gmv_fen, 0) AS gmv_share_organic,
  c.gmv_unknown * 1e0 / NULLIF(c.gmv_fen, 0) AS gmv_share_unknown,
  c.gmv_fans * 1e0 / NULLIF(c.gmv_fen, 0) AS fan_gmv_share,                    -- 粉丝贡献金额占比
  p.gmv_fen AS prev_gmv_fen,
  p.orders AS prev_orders,
  p.purchasers AS prev_purchasers,
  a.prev_aov_fen,
  -- change = (cur − prev) ÷ prev, NULL when prev is 0 or NULL (客单价 from the rounded values)
  (c.gmv_fen - p.gmv_fen) * 1e0 / NULLIF(p.gmv_fen, 0) AS change_gmv_fen,
  (c.orders - p.orders) * 1e0 / NULLIF(p.orders, 0) AS change_orders,
  (c.purchasers - p.purchasers) * 1e0 / NULLIF(p.purchasers, 0) AS change_purchasers,
  (a.aov_fen - a.prev_aov_fen) * 1e0 / NULLIF(a.prev_aov_fen, 0) AS change_aov_fen
FROM cur c
JOIN prev p ON p.shop_id = c.shop_id
JOIN aov a ON a.shop_id = c.shop_id
ORDER BY c.shop_id;
