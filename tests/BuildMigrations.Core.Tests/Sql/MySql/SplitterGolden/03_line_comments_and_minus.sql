-- header comment; not a statement
# hash comment; not a statement
SELECT 5--2;
SELECT 5 -- 2; this is a comment
 + 1;
SELECT 7 --	tab comment;
   - 1;
SELECT a#b; c
FROM t;
--
SELECT 'after bare --';
SELECT 3 --
;
