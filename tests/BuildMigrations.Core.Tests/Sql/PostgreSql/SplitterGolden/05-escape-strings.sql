INSERT INTO t (s) VALUES (E'it\'s; ok');
INSERT INTO t (s) VALUES (e'back\\slash'), (E'tab\there; and \'quote\'');
INSERT INTO t (s) VALUES (E'doubled '' quote; too');
SELECT 'plain \'; SELECT 'after';
