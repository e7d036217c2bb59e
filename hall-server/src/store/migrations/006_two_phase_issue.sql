-- OneWindow hall-server schema, version 6 (issue 9): the kiosk's two-phase issue and durable device commands.
-- A kiosk reserves a number (tickets.state 'reserved'), prints, then confirms ('waiting') or voids ('voided'). The
-- reservation row keeps who holds it, the station's request key (a retry answers the same reservation), when it
-- lapses, what was printed, and for a voided one why, when and by whom: a voided number is a recorded gap.
CREATE TABLE reservations (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
  device_id INTEGER NOT NULL REFERENCES devices(id),
  request_key TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  -- TicketPrintData as computed at reservation, without nameMasked (that stays on the ticket, where the purge finds it)
  print TEXT NOT NULL,
  printed_at INTEGER,
  voided_at INTEGER,
  void_reason TEXT CHECK (void_reason IN ('print_failed', 'printer_not_ready', 'agent_restarted',
    'unconfirmed_timeout', 'supervisor')),
  void_detail TEXT,
  voided_by_device INTEGER REFERENCES devices(id),
  voided_by_staff INTEGER REFERENCES staff(id),
  CHECK (printed_at IS NULL OR voided_at IS NULL),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
  UNIQUE (device_id, request_key)
);
-- The sweep reads the open reservations by when they lapse.
CREATE INDEX reservations_open ON reservations(expires_at) WHERE printed_at IS NULL AND voided_at IS NULL;

-- Commands for a station agent (a reprint), delivered over /ws to the device's sockets until it answers.
CREATE TABLE device_commands (
  id INTEGER PRIMARY KEY,
  device_id INTEGER NOT NULL REFERENCES devices(id),
  kind TEXT NOT NULL CHECK (kind IN ('reprint')),
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  -- TicketPrintData to print (reprint: true), without nameMasked (read from the ticket when sent)
  print TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  -- the staff member who asked; NULL for the hall operator at the CLI
  created_by_staff INTEGER REFERENCES staff(id),
  answered_at INTEGER,
  ok INTEGER CHECK (ok IN (0, 1)),
  reason TEXT,
  CHECK ((answered_at IS NULL) = (ok IS NULL))
);
CREATE INDEX device_commands_pending ON device_commands(device_id) WHERE answered_at IS NULL;
