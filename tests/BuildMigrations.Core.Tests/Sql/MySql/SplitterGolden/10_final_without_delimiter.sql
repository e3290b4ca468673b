CREATE TABLE a (id INT);

INSERT INTO a VALUES (1)
  -- trailing comment
