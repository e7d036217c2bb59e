-- OneWindow hall-server schema, version 2: 代办 (agent) tickets.
-- 1 = a staff member took the ticket on behalf of a citizen (全程代办), 0 = walk-in, kiosk, appointment or remote.
-- A flag only: who acted for whom is not stored here (the card, if any, is the citizen's and kept masked/sealed).
ALTER TABLE tickets ADD COLUMN agent INTEGER NOT NULL DEFAULT 0 CHECK (agent IN (0, 1));
