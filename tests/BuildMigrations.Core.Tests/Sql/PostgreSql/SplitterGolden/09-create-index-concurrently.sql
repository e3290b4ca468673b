CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_create_at ON posts (createat);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_update_at
    ON posts (updateat)