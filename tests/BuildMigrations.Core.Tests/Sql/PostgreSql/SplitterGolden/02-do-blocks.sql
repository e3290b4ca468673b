DO $$
DECLARE
    column_exists boolean := false;
BEGIN
    SELECT count(*) != 0 INTO column_exists
    FROM information_schema.columns
    WHERE table_name = 'teams' AND column_name = 'name';
    IF column_exists THEN
        ALTER TABLE teams ALTER COLUMN name TYPE varchar(128);
    END IF;
END $$;

DO $$ BEGIN RAISE NOTICE 'one; two'; END $$;
DO LANGUAGE plpgsql $body$
BEGIN
    PERFORM 1;
END
$body$;
