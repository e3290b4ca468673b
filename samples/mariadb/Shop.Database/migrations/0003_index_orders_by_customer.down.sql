DROP PROCEDURE place_order;
DROP INDEX orders_placed_idx ON orders;
