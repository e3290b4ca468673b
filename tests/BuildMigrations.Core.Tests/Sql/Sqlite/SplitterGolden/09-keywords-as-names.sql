CREATE TABLE "trigger" ("end" TEXT, "begin" TEXT, [case] TEXT);
SELECT "end", [begin] FROM "trigger" WHERE "end" = 'END;';
EXPLAIN QUERY PLAN SELECT * FROM "trigger";
CREATE TABLE create_trigger_log (end_at TEXT);
CREATE TRIGGER log_it AFTER INSERT ON "trigger" BEGIN
    INSERT INTO create_trigger_log (end_at) VALUES (NEW."end");
    -- a comment between the last ; and END
END /* closing */ ;
SELECT 2;
