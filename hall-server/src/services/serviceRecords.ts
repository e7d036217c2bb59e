/**
 * Service records: when a service finishes, one record per item handled in the visit, each with every field the
 * provincial 好差评 record carries, copied now (the catalogue, the staff list and the ticket may change later; the
 * record must not), and appended to the outbox in the same transaction.
 *
 *   finishService --(tx)--> recordServices --> service_records row per handled item --> outbox "created" per row
 */
import { decryptField, maskPhone } from "../security/index.ts";
import type { NewServiceRecord } from "../store/serviceRecordStore.ts";
import type { TicketRow } from "../store/ticketStore.ts";
import type { CachedItem } from "./catalogCache.ts";
import type { HallContext, Tx } from "./context.ts";
import { hallId } from "./hallIdentity.ts";

/** The finished service, as finishService knows it. */
export interface FinishedService {
  ticket: TicketRow;
  /** The items handled in the visit, each once. */
  handled: CachedItem[];
  windowId: number;
  staffId: number;
  /** Epoch ms: when serving began, and when it ended (the finish). */
  start: number;
  end: number;
}

/** The applicant's phone, from the appointment the ticket was checked in for (tickets carry none): sealed, masked. */
function applicantPhone(ctx: HallContext, t: TicketRow): { sealed: string | null; masked: string | null } {
  const sealed = t.appointment_id === null ? null : ctx.store.appointments.phoneSealed(t.appointment_id);
  if (sealed === null) return { sealed: null, masked: null };
  // Masked once here, so reading a rating never needs the key; the sealed copy is what the upload hands on. A copy
  // the key cannot open (a hall restored under another key) is handed on as it is: a finish never fails for it.
  try {
    return { sealed, masked: maskPhone(decryptField(ctx.keyring, sealed)) };
  } catch {
    return { sealed, masked: null };
  }
}

/**
 * Inside `tx` (the finish's transaction): write one service record per handled item of `service` and append each to
 * the outbox. Returns the records' ids in `handled` order. The case number is the ticket's id (the visit has no
 * 办件编号 of its own yet); the service number names the ticket and the item.
 */
export function recordServices(ctx: HallContext, tx: Tx, service: FinishedService): number[] {
  const { ticket: t } = service;
  const window = ctx.catalog.windowsById.get(service.windowId)!;
  const staff = ctx.catalog.staffById.get(service.staffId)!;
  const phone = applicantPhone(ctx, t);
  const hall = hallId(ctx);
  return service.handled.map((item) => {
    const record: NewServiceRecord = {
      case_no: String(t.id),
      service_no: `${t.id}-${item.code}`,
      ticket_id: t.id,
      item_id: item.id,
      item_code: item.code,
      item_name: item.name,
      handling_code: item.handlingCode,
      catalog_version: ctx.catalog.version,
      department_code: item.departmentCode,
      item_kind: item.kind,
      promised_limit: item.promisedLimit.value,
      promised_unit: item.promisedLimit.unit,
      legal_limit: item.legalLimit?.value ?? null,
      legal_unit: item.legalLimit?.unit ?? null,
      local_only: item.localOnly ? 1 : 0,
      region_code: ctx.config.regionCode,
      hall_id: hall,
      window_id: window.id,
      window_number: window.number,
      window_name: window.name,
      staff_id: staff.id,
      staff_no: staff.employeeNo,
      staff_name: staff.name,
      applicant_id_type: t.id_type,
      applicant_id_masked: t.id_masked,
      applicant_id_sealed: t.id_sealed,
      applicant_name_masked: t.name_masked,
      applicant_name_sealed: t.name_sealed,
      applicant_phone_masked: phone.masked,
      applicant_phone_sealed: phone.sealed,
      service_start: service.start,
      service_end: service.end,
    };
    const id = ctx.store.serviceRecords.insert(record);
    ctx.store.outbox.append(hall, "service_record", id, "created", { id, ...record }, tx.now);
    return id;
  });
}
