CREATE TABLE IF NOT EXISTS channelmembers (
    channelid VARCHAR(26) NOT NULL,
    userid VARCHAR(26) NOT NULL,
    roles VARCHAR(64),
    PRIMARY KEY(channelid, userid)
);

CREATE INDEX IF NOT EXISTS idx_channelmembers_user_id ON channelmembers (userid);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'channel_type') THEN
        CREATE TYPE channel_type AS ENUM ('P', 'G', 'O', 'D');
    END IF;
END $$;

ALTER TABLE channelmembers ADD COLUMN IF NOT EXISTS schemeuser boolean;