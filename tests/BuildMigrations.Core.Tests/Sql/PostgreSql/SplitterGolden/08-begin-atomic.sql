CREATE FUNCTION grade(score int) RETURNS text
LANGUAGE sql
IMMUTABLE
BEGIN ATOMIC
    SELECT CASE
        WHEN score >= 90 THEN 'A'
        WHEN score >= 80 THEN CASE WHEN score >= 85 THEN 'B+' ELSE 'B' END
        ELSE 'C'
    END;
END;

CREATE PROCEDURE insert_pair(a int, b int)
LANGUAGE SQL
begin atomic
    INSERT INTO pairs VALUES (a);
    INSERT INTO pairs VALUES (b);
end;
BEGIN;
SELECT grade(95);
END;
