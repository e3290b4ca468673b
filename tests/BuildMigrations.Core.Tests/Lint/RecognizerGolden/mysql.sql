-- Each statement's recognised actions are in mysql.expected.txt.
CREATE TABLE IF NOT EXISTS `orders` (id INT PRIMARY KEY, note VARCHAR(50));
CREATE UNIQUE INDEX orders_note USING BTREE ON `shop`.`orders` (note);
CREATE FULLTEXT INDEX orders_text ON orders (note);
ALTER TABLE orders
    ADD COLUMN total DECIMAL(12,2) NOT NULL,
    ADD COLUMN seq INT NOT NULL AUTO_INCREMENT,
    ADD UNIQUE KEY orders_total (total),
    ADD INDEX orders_seq (seq),
    ADD CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    MODIFY COLUMN note VARCHAR(200) NOT NULL,
    CHANGE old_name new_name INT,
    CHANGE same same BIGINT,
    DROP COLUMN legacy,
    DROP old,
    DROP INDEX orders_old,
    DROP FOREIGN KEY fk_old,
    DROP PRIMARY KEY,
    RENAME COLUMN a TO b,
    RENAME INDEX i1 TO i2,
    ALGORITHM = INPLACE, LOCK = NONE;
ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE orders ENGINE = InnoDB;
ALTER TABLE orders RENAME TO purchases;
ALTER TABLE orders RENAME AS purchases;
RENAME TABLE a TO b, c TO d;
DROP TABLE IF EXISTS a, b;
DROP INDEX orders_note ON orders;
DROP DATABASE IF EXISTS shop;
TRUNCATE orders;
DELETE LOW_PRIORITY FROM orders;
UPDATE IGNORE orders SET note = 'x';
UPDATE orders JOIN x ON x.id = orders.id SET orders.note = x.note WHERE x.n > 1;
OPTIMIZE TABLE orders;
/*!40101 ALTER TABLE orders DROP COLUMN hidden */;
INSERT INTO orders VALUES ('DROP TABLE orders', "ALTER TABLE x DROP y");
