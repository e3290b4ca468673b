CREATE TEMP TRIGGER audit_delete BEFORE DELETE ON customers
WHEN OLD.id > 0
BEGIN
    INSERT INTO audit (what, at) SELECT 'delete;' || OLD.id, datetime('now');
    DELETE FROM sessions WHERE customer_id IN (SELECT id FROM customers WHERE id = OLD.id);
END;
create temporary trigger if not exists v_insert instead of insert on customer_view
begin
    insert into customers (email) values (new.email);
    update stats set n = n + 1;
end
;
CREATE TRIGGER IF NOT EXISTS main.touch AFTER UPDATE OF email ON customers BEGIN UPDATE customers SET updated = 1 WHERE id = NEW.id; END; SELECT 'after';
