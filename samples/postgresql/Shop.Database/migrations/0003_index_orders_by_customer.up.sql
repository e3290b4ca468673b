-- migration: no-transaction
-- Built without blocking writes on a live table.
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);
