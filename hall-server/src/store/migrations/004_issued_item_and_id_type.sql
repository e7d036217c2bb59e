-- OneWindow hall-server schema, version 4 (issue 7): caps count the item a ticket was issued for; bookings keep the
-- type of their identity document. Needs only versions 1-2 (never 003), so it applies on a database at 2 or 3.

-- The item a ticket was issued for. A transfer changes tickets.item_id (the item it waits for now), never this, so
-- daily and time-slot caps counted by it are never changed by a transfer (domain/caps.ts, rules 1-2).
ALTER TABLE tickets ADD COLUMN issued_item_id INTEGER REFERENCES items(id);

-- Existing tickets: the item of their first service request (the one opened at issue; later ones come from transfers
-- or extra items handled in the same visit), else their current item.
UPDATE tickets SET issued_item_id = coalesce(
  (SELECT r.item_id FROM requests r WHERE r.ticket_id = tickets.id ORDER BY r.id LIMIT 1),
  item_id
);

-- A ticket inserted without it (an older statement) was issued for its current item.
CREATE TRIGGER tickets_issued_item_default AFTER INSERT ON tickets
WHEN NEW.issued_item_id IS NULL
BEGIN
  UPDATE tickets SET issued_item_id = NEW.item_id WHERE id = NEW.id;
END;

-- Once set it never changes: what a ticket was issued for is history.
CREATE TRIGGER tickets_issued_item_fixed BEFORE UPDATE OF issued_item_id ON tickets
WHEN OLD.issued_item_id IS NOT NULL AND NEW.issued_item_id IS NOT OLD.issued_item_id
BEGIN
  SELECT RAISE(ABORT, 'tickets.issued_item_id never changes (caps count the item a ticket was issued for)');
END;

CREATE INDEX tickets_day_issued_item ON tickets(day, issued_item_id);

-- The identity document type a booking named (IdType in contract/src/api.ts); NULL when the booking did not say.
-- A check-in by card records the card's own type; by code, this one (never a guessed "resident").
ALTER TABLE appointments ADD COLUMN id_type TEXT;
