-- OneWindow hall-server schema, version 1.
-- Times are epoch milliseconds (INTEGER). JSON columns hold arrays/objects validated at the edge.

CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE departments (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  department_code TEXT NOT NULL REFERENCES departments(code),
  prefix TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('immediate', 'committed')),
  promised_days INTEGER NOT NULL DEFAULT 0,
  materials TEXT NOT NULL DEFAULT '[]',
  id_card_required INTEGER NOT NULL DEFAULT 0,
  hours TEXT NOT NULL,
  daily_cap INTEGER,
  slot_caps TEXT NOT NULL DEFAULT '[]',
  typical_minutes REAL NOT NULL,
  -- moving estimate of handle minutes, seeded with typical_minutes
  handle_estimate REAL NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE windows (
  id INTEGER PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  floor TEXT NOT NULL DEFAULT '',
  allowed_items TEXT, -- JSON array of item codes, NULL = all
  state TEXT NOT NULL DEFAULT 'closed' CHECK (state IN ('closed', 'open', 'paused')),
  -- one staff member at one window: UNIQUE makes a second sign-in impossible even under races
  staff_id INTEGER UNIQUE REFERENCES staff(id),
  pause_reason TEXT,
  paused_at INTEGER,
  priority_streak INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  employee_no TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  photo TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor', 'admin')),
  pin_hash TEXT,
  password_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE skills (
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  weight INTEGER NOT NULL,
  PRIMARY KEY (staff_id, item_id)
);

CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  window_id INTEGER REFERENCES windows(id),
  token_hash TEXT UNIQUE,
  pairing_code_hash TEXT,
  pairing_expires_at INTEGER,
  paired_at INTEGER,
  revoked INTEGER NOT NULL DEFAULT 0,
  health TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  device_id INTEGER REFERENCES devices(id),
  window_id INTEGER REFERENCES windows(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE counters (
  day TEXT NOT NULL,
  prefix TEXT NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (day, prefix)
);

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  number TEXT NOT NULL,
  channel TEXT NOT NULL,
  priority TEXT NOT NULL,
  state TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items(id),
  arrived_at INTEGER NOT NULL,
  window_id INTEGER REFERENCES windows(id),
  staff_id INTEGER REFERENCES staff(id),
  first_staff_id INTEGER REFERENCES staff(id),
  target_staff_id INTEGER REFERENCES staff(id),
  target_window_id INTEGER REFERENCES windows(id),
  recall_count INTEGER NOT NULL DEFAULT 0,
  -- local minute of the day at issue, for per-time-slot caps
  local_minute INTEGER NOT NULL,
  state_at INTEGER NOT NULL,
  appointment_id INTEGER,
  appointment_at INTEGER,
  id_hash TEXT,
  id_masked TEXT,
  name_masked TEXT,
  -- sealed (AES-GCM, key outside the database) for the provincial rating upload; purged with the rest
  id_type TEXT,
  id_sealed TEXT,
  name_sealed TEXT,
  public_token TEXT NOT NULL UNIQUE,
  issued_by_device INTEGER,
  issued_by_staff INTEGER,
  UNIQUE (day, number)
);
-- at most one ticket in service per window, enforced by the database itself
CREATE UNIQUE INDEX one_ticket_per_window ON tickets(window_id) WHERE state IN ('called', 'serving');
CREATE INDEX tickets_state ON tickets(state);
CREATE INDEX tickets_day_item ON tickets(day, item_id);

-- one ticket (visit) holds one or more service requests
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  ended_at INTEGER,
  handled INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX requests_ticket ON requests(ticket_id);

-- timed periods of a request, attributed to window and staff
CREATE TABLE periods (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  request_id INTEGER NOT NULL REFERENCES requests(id),
  kind TEXT NOT NULL CHECK (kind IN ('waiting', 'called', 'serving', 'on_hold')),
  window_id INTEGER,
  staff_id INTEGER,
  start_at INTEGER NOT NULL,
  end_at INTEGER
);
CREATE INDEX periods_ticket ON periods(ticket_id);

CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  slot_start INTEGER NOT NULL,
  slot_end INTEGER NOT NULL,
  code TEXT NOT NULL UNIQUE,
  id_hash TEXT,
  id_masked TEXT,
  id_sealed TEXT,
  name_masked TEXT,
  phone_sealed TEXT,
  state TEXT NOT NULL CHECK (state IN ('booked', 'checked_in', 'released', 'cancelled')),
  ticket_id INTEGER REFERENCES tickets(id),
  booked_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX appointments_slot ON appointments(item_id, slot_start);
CREATE INDEX appointments_id_hash ON appointments(id_hash);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
);
