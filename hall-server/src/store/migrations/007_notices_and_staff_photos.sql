-- OneWindow hall-server schema, version 7 (issue 11): the hall screen's scrolling notices and staff photos.

-- Scrolling notices (滚动通知). A withdrawn notice is kept (who said what on the hall's screens, and when) with
-- when and by whom it was withdrawn. Published and withdrawn by a staff member, or by the hall operator at the CLI
-- (the *_by_staff column NULL).
CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  -- trimmed, 1..300 characters (the API counts UTF-16 units, SQLite code points: never more than the API)
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
  published_at INTEGER NOT NULL,
  -- epoch ms when it stops showing; NULL: until withdrawn
  expires_at INTEGER CHECK (expires_at IS NULL OR expires_at > published_at),
  published_by_staff INTEGER REFERENCES staff(id),
  withdrawn_at INTEGER,
  withdrawn_by_staff INTEGER REFERENCES staff(id),
  CHECK (withdrawn_by_staff IS NULL OR withdrawn_at IS NOT NULL)
);
-- Screens read the notices in force on every snapshot.
CREATE INDEX notices_in_force ON notices(id) WHERE withdrawn_at IS NULL;

-- A staff member's photo for the window screen, in the database so that a backup carries it. JPEG or PNG, told by
-- its first bytes; 200 KB at most.
CREATE TABLE staff_photos (
  staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
  bytes BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 204800),
  updated_at INTEGER NOT NULL
);
