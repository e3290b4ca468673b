DROP TRIGGER orders_total;
ALTER TABLE customers DROP COLUMN lifetime_cents;
DROP INDEX orders_customer_idx;
