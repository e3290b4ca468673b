-- a leading comment; not a statement
INSERT INTO "odd;table" ("a;b", `c;d`, [e;f]) VALUES ('x;y', 'it''s; fine'); /* after; */
SELECT 1 /* inner; comment */ + 2 -- trailing; comment
;
SELECT "say ""hi""; now", `tick``; tock`, [bracket;"'] FROM t;
SELECT x'00ff', X'3B' -- blob literals
