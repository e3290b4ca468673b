CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL, size TEXT);

CREATE TRIGGER orders_size AFTER INSERT ON orders
FOR EACH ROW
BEGIN
    UPDATE orders
       SET size = CASE WHEN NEW.total > 100 THEN 'big; really' ELSE 'small' END
     WHERE id = NEW.id;
    SELECT CASE WHEN NEW.total < 0 THEN RAISE(ABORT, 'negative; total') END;
END;

INSERT INTO orders (total) VALUES (150);
