SELECT 1;
SELECT 2 /* a comment that never ends; SELECT 3;
