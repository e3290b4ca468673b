CREATE OR REPLACE FUNCTION rebuild(target text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($q$DROP INDEX IF EXISTS %I; CREATE INDEX %I ON t (a)$q$, target, target);
    EXECUTE $q$SELECT 'a;b'; SELECT $x$;$x$ $q$;
END;
$$;
SELECT rebuild('t_a_idx');
CREATE FUNCTION tagged() RETURNS text LANGUAGE sql AS $fn$ SELECT $$a;b$$ || $x$;$x$ $fn$;
SELECT 'done'
