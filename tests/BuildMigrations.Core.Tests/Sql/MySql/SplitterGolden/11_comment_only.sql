-- This migration intentionally does nothing.
# Nothing here either;

/* nor here; */
;
