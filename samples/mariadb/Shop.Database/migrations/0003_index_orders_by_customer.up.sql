CREATE INDEX orders_placed_idx ON orders (placed_at);
DELIMITER //
CREATE PROCEDURE place_order(IN customer BIGINT, IN cents BIGINT)
BEGIN
    INSERT INTO orders (customer_id, total_cents) VALUES (customer, cents);
END //
DELIMITER ;
