-- Customer Lens: the RFM analysis as one Spark SQL 3.x script.
-- Made from: Sales 2024   export second line
-- As of 2024-06-30 (later orders are left out); 5 bins, ranked quantiles, ties together.
-- Segments: 10 rules, first match wins, else Others.
-- Value quadrant split at the medians; lifecycle: lapsed after 180 days, new within 90 days, loyal from 5 orders.
-- Filter: only the order lines where the step lens_orders says.
--
-- Input: a table orders, one row per order line, with the columns the app keeps:
--   CREATE TABLE orders (
--   row_no        BIGINT NOT NULL,  -- the line number in the source file; breaks ties, later wins
--   customer_id   STRING NOT NULL,  -- trimmed, compared as text
--   customer_name STRING,  -- NULL when unknown
--   order_id      STRING,  -- NULL: the line is an order of its own
--   order_date    STRING NOT NULL,  -- 'YYYY-MM-DD' text
--   amount        DOUBLE NOT NULL,  -- the line amount; returns are negative
--   `Region`      STRING,  -- dimension "segment"
--   `Re``gion`    STRING  -- dimension "地区"
--   );
-- (A differently shaped table: CREATE VIEW orders AS SELECT … with these names and types.)
-- Output: the temporary view scored_customers, one row per customer with a purchase:
--   customer_id, customer_name, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_code, segment, class8, value_quadrant, abc_tier, lifecycle_stage, first_purchase, last_purchase
--   then the dimensions: segment (2), 地区
-- the app's customer export layout: save it as CSV and import it into Customer Lens as a
-- customer table (one row per customer) to use the views on it.
-- To keep it: CREATE TABLE my_scored_customers AS SELECT * FROM scored_customers;
-- or download the final SELECT from your notebook as CSV.
-- Steps: lens_orders, lens_customer_base, lens_rfm_scores (temporary views), scored_customers.

CREATE OR REPLACE TEMPORARY VIEW `lens_orders` AS
SELECT * FROM `orders`
WHERE (`Re``gion` IN ('O\'Neil', 'a\\b') OR `Re``gion` IS NULL) AND `order_date` >= '2024-01-01' AND `order_date` <= '2024-12-31';

CREATE OR REPLACE TEMPORARY VIEW `lens_customer_base` AS
WITH orders AS (
  SELECT customer_id, MIN(order_date) AS order_date, SUM(amount) AS amount
  FROM `lens_orders`
  WHERE order_date <= '2024-06-30'
  GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END
),
customers AS (
  SELECT customer_id,
    MIN(CASE WHEN positive = 1 THEN order_date END) AS first_purchase,
    MAX(CASE WHEN positive = 1 THEN order_date END) AS last_purchase,
    SUM(positive) AS frequency,
    ROUND(SUM(amount), 6) AS monetary
  FROM (
    SELECT customer_id, order_date, amount,
      CASE WHEN ROUND(amount, 6) > 0 THEN 1 ELSE 0 END AS positive
    FROM orders
  ) AS o
  GROUP BY customer_id
),
dim_counts AS (
  SELECT customer_id, `Region`, `Re``gion`, COUNT(*) AS line_count, MAX(CAST(REPLACE(order_date, '-', '') AS BIGINT) * 10000000000 + row_no) AS recency_key
  FROM `lens_orders`
  WHERE order_date <= '2024-06-30'
  GROUP BY customer_id, `Region`, `Re``gion`
),
dim_0 AS (
  SELECT customer_id, value FROM (
    SELECT customer_id, `Region` AS value,
      ROW_NUMBER() OVER (
        PARTITION BY customer_id ORDER BY SUM(line_count) DESC, MAX(recency_key) DESC
      ) AS pick
    FROM dim_counts
    WHERE `Region` IS NOT NULL
    GROUP BY customer_id, `Region`
  ) AS ranked
  WHERE pick = 1
),
dim_1 AS (
  SELECT customer_id, value FROM (
    SELECT customer_id, `Re``gion` AS value,
      ROW_NUMBER() OVER (
        PARTITION BY customer_id ORDER BY SUM(line_count) DESC, MAX(recency_key) DESC
      ) AS pick
    FROM dim_counts
    WHERE `Re``gion` IS NOT NULL
    GROUP BY customer_id, `Re``gion`
  ) AS ranked
  WHERE pick = 1
),
names AS (
  SELECT customer_id, customer_name FROM (
    SELECT customer_id, customer_name,
      ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC, row_no DESC) AS pick
    FROM `lens_orders`
    WHERE order_date <= '2024-06-30' AND customer_name IS NOT NULL
  ) AS named
  WHERE pick = 1
)
SELECT
  c.customer_id,
  names.customer_name AS customer_name,
  c.first_purchase,
  c.last_purchase,
  DATEDIFF(CAST('2024-06-30' AS DATE), CAST(c.last_purchase AS DATE)) AS recency_days,
  c.frequency,
  c.monetary,
  dim_0.value AS dim_0,
  dim_1.value AS dim_1
FROM customers AS c
LEFT JOIN names ON names.customer_id = c.customer_id
LEFT JOIN dim_0 ON dim_0.customer_id = c.customer_id
LEFT JOIN dim_1 ON dim_1.customer_id = c.customer_id
ORDER BY c.customer_id;

CREATE OR REPLACE TEMPORARY VIEW `lens_rfm_scores` AS
WITH scored AS (
  SELECT customer_id, recency_days, frequency, monetary,
    1 + (5 * (RANK() OVER (ORDER BY recency_days DESC) - 1)) DIV COUNT(*) OVER () AS r_score,
    1 + (5 * (RANK() OVER (ORDER BY frequency ASC) - 1)) DIV COUNT(*) OVER () AS f_score,
    1 + (5 * (RANK() OVER (ORDER BY monetary ASC) - 1)) DIV COUNT(*) OVER () AS m_score
  FROM `lens_customer_base`
  WHERE frequency > 0
)
SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score,
  CAST(r_score AS STRING) || CAST(f_score AS STRING) || CAST(m_score AS STRING) AS rfm_code,
  r_score + f_score + m_score AS rfm_sum
FROM scored
ORDER BY customer_id;

CREATE OR REPLACE TEMPORARY VIEW `scored_customers` AS
WITH scored AS (
  SELECT b.customer_id, b.customer_name, b.first_purchase, b.last_purchase, b.recency_days,
    b.frequency, b.monetary, s.r_score, s.f_score, s.m_score, s.rfm_code, b.dim_0, b.dim_1
  FROM lens_customer_base AS b
  JOIN lens_rfm_scores AS s ON s.customer_id = b.customer_id
),
stats AS (
  SELECT COUNT(*) AS n, SUM(recency_days) AS recency_sum, SUM(frequency) AS frequency_sum,
    SUM(CAST(monetary AS DECIMAL(38, 6))) AS monetary_sum
  FROM scored
),
frequency_median AS (
  SELECT (CAST(MIN(o.frequency) AS DOUBLE) + MAX(o.frequency)) / 2 AS frequency_median
  FROM (SELECT frequency, ROW_NUMBER() OVER (ORDER BY frequency) AS k FROM scored) AS o
  CROSS JOIN stats
  WHERE o.k = (stats.n + 1) DIV 2 OR o.k = stats.n DIV 2 + 1
),
monetary_median AS (
  SELECT (CAST(MIN(o.monetary) AS DOUBLE) + MAX(o.monetary)) / 2 AS monetary_median
  FROM (SELECT monetary, ROW_NUMBER() OVER (ORDER BY monetary) AS k FROM scored) AS o
  CROSS JOIN stats
  WHERE o.k = (stats.n + 1) DIV 2 OR o.k = stats.n DIV 2 + 1
),
splits AS (
  SELECT *
  FROM stats CROSS JOIN frequency_median CROSS JOIN monetary_median
),
ranked AS (
  SELECT scored.*, splits.*,
    SUM(CASE WHEN monetary > 0 THEN CAST(monetary AS DECIMAL(38, 6)) ELSE 0 END) OVER () AS positive_sum,
    SUM(CASE WHEN monetary > 0 THEN CAST(monetary AS DECIMAL(38, 6)) ELSE 0 END) OVER (
      ORDER BY monetary DESC, customer_id ASC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ) AS before_sum
  FROM scored CROSS JOIN splits
),
labelled AS (
  SELECT ranked.*,
    CASE
      WHEN r_score BETWEEN 5 AND 5 AND f_score BETWEEN 5 AND 5 AND m_score BETWEEN 5 AND 5 THEN 'Champions'
      WHEN r_score BETWEEN 3 AND 5 AND f_score BETWEEN 3 AND 5 AND m_score BETWEEN 2 AND 5 THEN 'Potential Loyalist'
      WHEN r_score BETWEEN 2 AND 4 AND f_score BETWEEN 2 AND 4 AND m_score BETWEEN 2 AND 4 THEN 'Loyal Customers'
      WHEN r_score BETWEEN 3 AND 4 AND f_score BETWEEN 1 AND 3 AND m_score BETWEEN 3 AND 5 THEN 'Promising'
      WHEN r_score BETWEEN 4 AND 5 AND f_score BETWEEN 1 AND 3 AND m_score BETWEEN 1 AND 5 THEN 'New Customers'
      WHEN r_score BETWEEN 1 AND 2 AND f_score BETWEEN 3 AND 4 AND m_score BETWEEN 4 AND 5 THEN 'Can\'t Lose Them'
      WHEN r_score BETWEEN 1 AND 2 AND f_score BETWEEN 2 AND 5 AND m_score BETWEEN 4 AND 5 THEN 'At Risk'
      WHEN r_score BETWEEN 1 AND 3 AND f_score BETWEEN 3 AND 5 AND m_score BETWEEN 3 AND 5 THEN 'Need Attention'
      WHEN r_score BETWEEN 2 AND 3 AND f_score BETWEEN 1 AND 3 AND m_score BETWEEN 1 AND 4 THEN 'About To Sleep'
      WHEN r_score BETWEEN 1 AND 1 AND f_score BETWEEN 1 AND 5 AND m_score BETWEEN 1 AND 5 THEN 'Lost'
      ELSE 'Others'
    END AS segment,
    CASE WHEN CAST(monetary AS DECIMAL(38, 6)) * n > monetary_sum THEN CASE WHEN recency_days * n < recency_sum THEN CASE WHEN frequency * n > frequency_sum THEN 'Important value' ELSE 'Important development' END
        ELSE CASE WHEN frequency * n > frequency_sum THEN 'Important retention' ELSE 'Important win-back' END END
      ELSE CASE WHEN recency_days * n < recency_sum THEN CASE WHEN frequency * n > frequency_sum THEN 'General value' ELSE 'General development' END
        ELSE CASE WHEN frequency * n > frequency_sum THEN 'General retention' ELSE 'General win-back' END END
    END AS class8,
    CASE WHEN frequency > frequency_median THEN CASE WHEN monetary > monetary_median THEN 'VIP' ELSE 'Growth' END
      ELSE CASE WHEN monetary > monetary_median THEN 'Potential' ELSE 'Low value' END
    END AS value_quadrant,
    CASE
      WHEN monetary <= 0 THEN 'C'
      WHEN 5 * COALESCE(before_sum, 0) < 4 * positive_sum THEN 'A'
      WHEN 20 * COALESCE(before_sum, 0) < 19 * positive_sum THEN 'B'
      ELSE 'C'
    END AS abc_tier,
    CASE
      WHEN recency_days > 180 THEN 'Lapsed'
      WHEN first_purchase IS NOT NULL AND DATEDIFF(CAST('2024-06-30' AS DATE), CAST(first_purchase AS DATE)) <= 90 THEN 'New'
      WHEN frequency >= 5 THEN 'Loyal'
      WHEN frequency >= 2 THEN 'Repeat'
      ELSE 'One-time'
    END AS lifecycle_stage
  FROM ranked
)
SELECT
  customer_id AS `customer_id`,
  customer_name AS `customer_name`,
  recency_days AS `recency_days`,
  frequency AS `frequency`,
  ROUND(monetary, 2) AS `monetary`,
  r_score AS `r_score`,
  f_score AS `f_score`,
  m_score AS `m_score`,
  rfm_code AS `rfm_code`,
  segment AS `segment`,
  class8 AS `class8`,
  value_quadrant AS `value_quadrant`,
  abc_tier AS `abc_tier`,
  lifecycle_stage AS `lifecycle_stage`,
  first_purchase AS `first_purchase`,
  last_purchase AS `last_purchase`,
  dim_0 AS `segment (2)`,
  dim_1 AS `地区`
FROM labelled
ORDER BY customer_id;

SELECT * FROM `scored_customers` ORDER BY customer_id;