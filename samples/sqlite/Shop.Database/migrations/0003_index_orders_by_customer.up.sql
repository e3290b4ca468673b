CREATE INDEX orders_customer_idx ON orders (customer_id);
-- Keeps a running total per customer; the body's semicolons stay inside the trigger.
ALTER TABLE customers ADD COLUMN lifetime_cents INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER orders_total AFTER INSERT ON orders
BEGIN
    UPDATE customers SET lifetime_cents = lifetime_cents + NEW.total_cents WHERE id = NEW.customer_id;
END;
