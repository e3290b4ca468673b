DROP PROCEDURE IF EXISTS grade;

DELIMITER //
CREATE PROCEDURE grade(IN score INT, OUT label VARCHAR(10))
BEGIN
    DECLARE i INT DEFAULT 0;
    IF score >= 90 THEN
        SET label = 'A';
    ELSEIF score >= 50 THEN
        SET label = 'B';
    ELSE
        SET label = 'C';
    END IF;
    WHILE i < 3 DO
        BEGIN
            DECLARE j INT DEFAULT i;
            SET i = i + 1;
        END;
    END WHILE;
END //
delimiter ;

CALL grade(95, @l);
SELECT @l;
