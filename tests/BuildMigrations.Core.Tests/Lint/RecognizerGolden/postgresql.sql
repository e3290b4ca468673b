-- Each statement's recognised actions are in postgresql.expected.txt.
CREATE TABLE IF NOT EXISTS public."Orders" (id bigint PRIMARY KEY, note text);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_note ON ONLY public."Orders" USING btree (note) WHERE note IS NOT NULL;
CREATE INDEX ON orders (note);
ALTER TABLE IF EXISTS ONLY orders
    ADD COLUMN IF NOT EXISTS total numeric(12, 2) NOT NULL DEFAULT 0,
    ADD COLUMN token uuid DEFAULT gen_random_uuid(),
    ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY,
    ALTER COLUMN note SET DATA TYPE varchar(200) USING note::varchar,
    ALTER note SET NOT NULL,
    ALTER COLUMN note SET DEFAULT 'x, y',
    DROP COLUMN IF EXISTS legacy CASCADE,
    DROP CONSTRAINT orders_old_check;
ALTER TABLE orders ADD CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers;
ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0 AND note <> 'NOT VALID');
ALTER TABLE orders VALIDATE CONSTRAINT positive;
ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE USING INDEX orders_note;
ALTER TABLE orders ADD PRIMARY KEY (id);
ALTER TABLE orders RENAME COLUMN note TO remark;
ALTER TABLE orders RENAME note2 TO remark2;
ALTER TABLE orders RENAME CONSTRAINT a TO b;
ALTER TABLE orders RENAME TO purchases;
ALTER TABLE orders SET SCHEMA archive;
DROP TABLE IF EXISTS a, public.b CASCADE;
DROP INDEX CONCURRENTLY IF EXISTS public.orders_note;
DROP SCHEMA IF EXISTS billing CASCADE;
TRUNCATE TABLE ONLY a, b RESTART IDENTITY;
DELETE FROM orders WHERE id IN (SELECT id FROM old);
DELETE FROM ONLY orders USING old WHERE old.id = orders.id;
DELETE FROM orders;
UPDATE orders SET note = (SELECT max(note) FROM x WHERE x.id = 1);
UPDATE ONLY orders o SET note = '' WHERE o.id = 2;
INSERT INTO orders (id) VALUES (1);
VACUUM (VERBOSE, FULL) orders;
VACUUM FULL;
VACUUM (FULL false) orders;
VACUUM ANALYZE orders;
CLUSTER VERBOSE orders USING orders_pkey;
REINDEX (VERBOSE) TABLE CONCURRENTLY orders;
REINDEX INDEX orders_note;
DO $$ BEGIN DROP TABLE orders; END $$;
SELECT 'DROP TABLE orders';
COMMENT ON TABLE orders IS 'ALTER TABLE orders DROP COLUMN x';
