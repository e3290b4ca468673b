-- a comment; not a split
CREATE TABLE "odd;name" (id int, note text DEFAULT 'it''s; fine');
INSERT INTO t VALUES (E'back\'slash;', $$dollar;quoted$$, U&'\0041', B'101');
/* nested /* comment; */ still */ SELECT 1;
