-- This migration intentionally does nothing.
/* It used to drop a column; see issue 123. */

;
-- end
