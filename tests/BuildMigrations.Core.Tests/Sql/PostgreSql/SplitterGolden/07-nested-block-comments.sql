/*
 * Header comment; with a semicolon.
 * /* nested: it's still a comment; */
 * still inside the outer comment; 'unbalanced quote
 */
CREATE TABLE a (id int);
SELECT 1 /* inline /* nested; */ still; */ + 1;
/* trailing comment; */ SELECT 2 -- trailing line comment; ignored
;
