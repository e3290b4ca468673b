INSERT INTO messages (body) VALUES ('it''s; fine');
INSERT INTO messages (body) VALUES ('multi
line; string'), ('');
UPDATE messages SET body = '''' || body || ';''' WHERE body LIKE '%\%';
INSERT INTO bits VALUES (B'1010', X'1F', U&'d\0061t\+000061;', N'nat;ional');
