CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE
);

CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    total numeric(12, 2) NOT NULL DEFAULT 0
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
