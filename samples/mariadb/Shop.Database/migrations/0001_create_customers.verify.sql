SELECT id, email, created_at FROM customers WHERE FALSE;
