CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW
IF NEW.a < 0 THEN
    SET NEW.a = 0;
END IF;

CREATE EVENT IF NOT EXISTS purge ON SCHEDULE EVERY 1 DAY DO
BEGIN
    DELETE FROM sessions WHERE expires < NOW();
    DELETE FROM logs WHERE created < NOW() - INTERVAL 30 DAY;
END;

CREATE PROCEDURE counters()
main: BEGIN
    DECLARE n INT DEFAULT 0;
    outer_loop: LOOP
        SET n = n + 1;
        IF n > 5 THEN LEAVE outer_loop; END IF;
    END LOOP outer_loop;
    REPEAT
        SET n = n - 1;
    UNTIL n <= 0 END REPEAT;
    CASE n
        WHEN 0 THEN SELECT 'zero';
        ELSE BEGIN SELECT 'other'; END;
    END CASE;
    SELECT r.begin, r.`end`, r.end, end FROM ranges r WHERE begin_date < end_date;
END main;

CREATE AGGREGATE FUNCTION agg(x INT) RETURNS INT
BEGIN
    DECLARE s INT DEFAULT 0;
    DECLARE CONTINUE HANDLER FOR NOT FOUND RETURN s;
    LOOP
        FETCH GROUP NEXT ROW;
        SET s = s + x;
    END LOOP;
END;
SELECT agg(a) FROM t;
CREATE EVENT drain ON SCHEDULE EVERY 1 HOUR DO
REPEAT
    DELETE FROM queue WHERE done = 1 LIMIT 100;
UNTIL ROW_COUNT() = 0 END REPEAT;
SELECT 'after event';
