CREATE TABLE "odd;table" ("we""ird;col" int, "--not a comment" text);
INSERT INTO "odd;table" ("we""ird;col") VALUES (1);
SELECT "/* not a comment" FROM "odd;table";
