INSERT INTO notes (body) VALUES ('a;b'), ('it''s; fine'), ('back\'slash; still string'), ("dq; \"x\"; ""y""");
SELECT `weird;name`, `tick``;tick` FROM `t;1`;
SELECT 1 /* block; comment */ + 2;
SELECT '\\'; SELECT "end\\";
/* leading comment; with semicolon */ UPDATE t SET a = 1 /* trailing; */;
SELECT 'multi
line; string' AS s, 2;
