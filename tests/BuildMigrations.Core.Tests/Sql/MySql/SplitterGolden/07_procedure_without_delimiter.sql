DROP PROCEDURE IF EXISTS classify;

CREATE DEFINER = `admin`@`%` PROCEDURE classify(IN x INT)
BEGIN
    DECLARE kind VARCHAR(10);
    IF (x > 10) THEN
        SET kind = CASE WHEN x > 100 THEN 'huge' ELSE 'big' END;
    ELSE
        SET kind = 'small';
    END IF;
    SELECT IF(x, 1, 2) AS flag, IF (x > 0, 'pos', 'neg') AS sign, kind;
    DROP TEMPORARY TABLE IF EXISTS tmp_classify;
END;

CALL classify(5);
DROP PROCEDURE classify;

CREATE TRIGGER classify_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.flag = IF(NEW.x > 0, 1, 2);
SELECT IF (1 > 0, 'yes', 'no');
