-- OneWindow hall-server schema, version 5: the catalogue's schema-v2 fields (contract/src/catalog.ts).
-- items.promised_days keeps the promised limit's value, now counted in promised_unit (version 1 meant working days).
-- Units are the provincial record's: days, workingDays, months, years. legal_unit NULL = no legal limit recorded.
-- group_code names an item_groups row; existing items get their department's group (one group per department),
-- with the default 15-minute target wait.
ALTER TABLE items ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN group_code TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN handling_code TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN promised_unit TEXT NOT NULL DEFAULT 'workingDays'
  CHECK (promised_unit IN ('days', 'workingDays', 'months', 'years'));
ALTER TABLE items ADD COLUMN legal_limit INTEGER;
ALTER TABLE items ADD COLUMN legal_unit TEXT
  CHECK (legal_unit IN ('days', 'workingDays', 'months', 'years'));
ALTER TABLE items ADD COLUMN local_only INTEGER NOT NULL DEFAULT 0 CHECK (local_only IN (0, 1));

CREATE TABLE item_groups (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  target_wait_minutes INTEGER NOT NULL DEFAULT 15 CHECK (target_wait_minutes >= 1)
);

UPDATE items SET group_code = department_code;
INSERT INTO item_groups (code, name)
  SELECT d.code, d.name FROM departments d WHERE d.code IN (SELECT department_code FROM items);
