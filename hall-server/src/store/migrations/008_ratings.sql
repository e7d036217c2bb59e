-- OneWindow hall-server schema, version 8 (issue 12): ratings (好差评). Migration 007 is the hall-api work (notices,
-- staff photos) on another branch; whichever merges later renumbers.
--
-- A service record is one item handled in one visit (written when the service finishes); a rating refers to exactly
-- one service record (UNIQUE: a second rating of a service is refused); a bad review (level 1-2) opens one follow-up
-- case. Every change of the three is appended to `outbox` in the same transaction, in order (seq), with an
-- idempotency key, for the upward push. The applicant's personal data is kept as the tickets keep it: masked for
-- display, sealed (AES-256-GCM under the key file's data key) where it must be handed on.
CREATE TABLE service_records (
  id INTEGER PRIMARY KEY,
  -- 办件编号, or the ticket's id when the visit has none; service_no names this occurrence
  case_no TEXT NOT NULL,
  service_no TEXT NOT NULL UNIQUE,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  -- copied at finish: the catalogue may change later, the record must not
  item_code TEXT NOT NULL,
  item_name TEXT NOT NULL,
  handling_code TEXT NOT NULL,
  catalog_version TEXT NOT NULL,
  department_code TEXT NOT NULL,
  item_kind TEXT NOT NULL CHECK (item_kind IN ('immediate', 'committed')),
  promised_limit INTEGER NOT NULL,
  promised_unit TEXT NOT NULL,
  legal_limit INTEGER,
  legal_unit TEXT,
  local_only INTEGER NOT NULL CHECK (local_only IN (0, 1)),
  region_code TEXT NOT NULL CHECK (length(region_code) = 12),
  hall_id TEXT NOT NULL,
  window_id INTEGER NOT NULL REFERENCES windows(id),
  window_number INTEGER NOT NULL,
  window_name TEXT NOT NULL,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  staff_no TEXT NOT NULL,
  staff_name TEXT NOT NULL,
  applicant_id_type TEXT,
  applicant_id_masked TEXT,
  applicant_id_sealed TEXT,
  applicant_name_masked TEXT,
  applicant_name_sealed TEXT,
  applicant_phone_masked TEXT,
  applicant_phone_sealed TEXT,
  service_start INTEGER NOT NULL,
  service_end INTEGER NOT NULL,
  UNIQUE (ticket_id, item_id)
);
-- The default-rating sweep reads the unrated ones by when they ended.
CREATE INDEX service_records_end ON service_records(service_end);

CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  service_record_id INTEGER NOT NULL UNIQUE REFERENCES service_records(id),
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  -- JSON array of codes from indicator_version's list
  indicator_codes TEXT NOT NULL DEFAULT '[]',
  indicator_version TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  -- 评价渠道, provincial codes: 1 PC, 2 mobile, 3 QR code, 4 hall tablet, 5 other hall terminal (keypad)
  rating_channel INTEGER NOT NULL CHECK (rating_channel BETWEEN 1 AND 5),
  rated_at INTEGER NOT NULL,
  -- the hall's service day of rated_at, for the day-range filter
  day TEXT NOT NULL,
  times_rated INTEGER NOT NULL CHECK (times_rated >= 1),
  is_default INTEGER NOT NULL CHECK (is_default IN (0, 1)),
  reason_pending INTEGER NOT NULL CHECK (reason_pending IN (0, 1)),
  upward_state TEXT NOT NULL DEFAULT 'pending' CHECK (upward_state IN ('pending', 'sent', 'failed')),
  provincial_state TEXT NOT NULL
    CHECK (provincial_state IN ('pending', 'held', 'sent', 'failed', 'rejected', 'local_only')),
  -- the counter device that sent it (NULL for a default) and its retry key
  device_id INTEGER REFERENCES devices(id),
  request_key TEXT,
  CHECK (reason_pending = 0 OR level <= 2),
  CHECK (reason_pending = 0 OR provincial_state IN ('held', 'local_only')),
  CHECK (is_default = 0 OR (device_id IS NULL AND level >= 3))
);
CREATE INDEX ratings_day ON ratings(day);

CREATE TABLE review_cases (
  id INTEGER PRIMARY KEY,
  rating_id INTEGER NOT NULL UNIQUE REFERENCES ratings(id),
  state TEXT NOT NULL CHECK (state IN ('open', 'verifying', 'rectifying', 'replied', 'reviewed', 'closed', 'appealed')),
  opened_at INTEGER NOT NULL,
  deadline_at INTEGER NOT NULL,
  deadline_working_days INTEGER NOT NULL CHECK (deadline_working_days >= 1),
  updated_at INTEGER NOT NULL
);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  -- "<hall id>/<kind>/<entity id>/<revision>": the same change is never counted twice upstream
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('service_record', 'rating', 'review_case')),
  entity_id INTEGER NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  change TEXT NOT NULL,
  -- JSON; personal data only masked or sealed, never in clear
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  UNIQUE (kind, entity_id, revision)
);
CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;
