-- OneWindow hall-server schema, version 3: failed sign-ins per (account, source), kept across restarts.
-- A run of failures from one source locks that source out of that account only (see security/loginLockout.ts):
-- nobody can lock a person out from another machine. A supervisor clears an account's rows to unlock it.
-- employee_no is as typed (also unknown numbers, so a lock says nothing about who exists); source is the client
-- address. Rows older than the lockout window are pruned as new failures come in.
CREATE TABLE login_failures (
  employee_no TEXT NOT NULL,
  source TEXT NOT NULL,
  failures INTEGER NOT NULL CHECK (failures >= 1),
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (employee_no, source)
) WITHOUT ROWID;
CREATE INDEX login_failures_last_at ON login_failures(last_at);
