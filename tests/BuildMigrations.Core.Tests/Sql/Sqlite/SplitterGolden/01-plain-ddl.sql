CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE
);
CREATE INDEX customers_email_idx ON customers (email);

ALTER TABLE customers ADD COLUMN name TEXT;
DROP INDEX customers_email_idx;
