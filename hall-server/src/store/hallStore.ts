/**
 * Every repository of one hall database, prepared once and held on the context (`ctx.store`), plus the
 * transaction controls the use-case layer needs. Nothing above `store/` writes SQL.
 *
 *   services (use cases) --> ctx.store.tickets | reservations | windows | sessions | devices | deviceCommands
 *                                      | appointments | catalog
 *                                      | credentials | settings | audit | loginFailures | events
 *                                      | notices | staffPhotos | serviceRecords | ratings | reviewCases | outbox
 *                                  --> better-sqlite3 (WAL, synchronous=FULL)
 */
import { AppointmentStore } from "./appointmentStore.ts";
import { AuditLog } from "./auditLog.ts";
import { CatalogStore } from "./catalogStore.ts";
import { CredentialStore } from "./credentialStore.ts";
import type { Db } from "./db.ts";
import { DeviceCommandStore } from "./deviceCommandStore.ts";
import { DeviceStore } from "./deviceStore.ts";
import { EventLog } from "./eventLog.ts";
import { LoginFailureStore } from "./loginFailureStore.ts";
import { NoticeStore } from "./noticeStore.ts";
import { OutboxStore } from "./outboxStore.ts";
import { RatingStore } from "./ratingStore.ts";
import { ReviewCaseStore } from "./reviewCaseStore.ts";
import { ServiceRecordStore } from "./serviceRecordStore.ts";
import { ReservationStore } from "./reservationStore.ts";
import { SessionStore } from "./sessionStore.ts";
import { SettingsStore } from "./settingsStore.ts";
import { StaffPhotoStore } from "./staffPhotoStore.ts";
import { TicketStore } from "./ticketStore.ts";
import { WindowStore } from "./windowStore.ts";

export interface HallStore {
  tickets: TicketStore;
  reservations: ReservationStore;
  deviceCommands: DeviceCommandStore;
  windows: WindowStore;
  sessions: SessionStore;
  devices: DeviceStore;
  appointments: AppointmentStore;
  catalog: CatalogStore;
  credentials: CredentialStore;
  settings: SettingsStore;
  audit: AuditLog;
  loginFailures: LoginFailureStore;
  events: EventLog;
  notices: NoticeStore;
  staffPhotos: StaffPhotoStore;
  serviceRecords: ServiceRecordStore;
  ratings: RatingStore;
  reviewCases: ReviewCaseStore;
  outbox: OutboxStore;
  /** Run `fn` in one transaction (a savepoint when one is open); it commits when `fn` returns, rolls back if it throws. */
  transaction<T>(fn: () => T): T;
  /** Group commit: open a write transaction now (BEGIN IMMEDIATE), so the group never waits on a lock mid-way. */
  begin(): void;
  commit(): void;
  /** Roll back the open transaction, if any (a failed COMMIT may already have ended it). */
  rollback(): void;
}

/** Prepare every repository's statements on `db` (after migrations). */
export function createHallStore(db: Db): HallStore {
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  return {
    tickets: new TicketStore(db),
    reservations: new ReservationStore(db),
    deviceCommands: new DeviceCommandStore(db),
    windows: new WindowStore(db),
    sessions: new SessionStore(db),
    devices: new DeviceStore(db),
    appointments: new AppointmentStore(db),
    catalog: new CatalogStore(db),
    credentials: new CredentialStore(db),
    settings: new SettingsStore(db),
    audit: new AuditLog(db),
    loginFailures: new LoginFailureStore(db),
    events: new EventLog(db),
    notices: new NoticeStore(db),
    staffPhotos: new StaffPhotoStore(db),
    serviceRecords: new ServiceRecordStore(db),
    ratings: new RatingStore(db),
    reviewCases: new ReviewCaseStore(db),
    outbox: new OutboxStore(db),
    transaction: (fn) => db.transaction(fn)(),
    begin: () => void begin.run(),
    commit: () => void commit.run(),
    rollback: () => {
      if (db.inTransaction) rollback.run();
    },
  };
}
