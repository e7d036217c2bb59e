/**
 * Vendor-HID keypad reports (devices.md §5.2 "HID profiles"): a fixed-size report `CMD LEN DATA… 00…`, no header,
 * trailer or checksum because USB already checks integrity. node-hid hands over one whole report per chunk.
 */
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { Frame } from "./codec.ts";
import type { FrameParserEvent } from "./parser.ts";
import type { Framing, StreamFramer } from "./framing.ts";

/** Encode `frame` (command + data) into one report of `reportLength` bytes; throws Oversize when data does not fit. */
export function encodeHidReport(frame: Frame, reportLength = 8): Uint8Array {
  if (frame.command === undefined) throw new DriverError(DriverErrorCode.BadPayload, "HID report needs a command");
  if (frame.data.length > reportLength - 2)
    throw new DriverError(DriverErrorCode.Oversize, `HID report carries at most ${reportLength - 2} data bytes`);
  const report = new Uint8Array(reportLength);
  report[0] = frame.command;
  report[1] = frame.data.length;
  report.set(frame.data, 2);
  return report;
}

/** Decode one input report, or return undefined when it is malformed (too short, LEN beyond the report). */
export function decodeHidReport(report: Uint8Array): Frame | undefined {
  const command = report[0];
  const len = report[1];
  if (command === undefined || len === undefined || len > report.length - 2) return undefined;
  return { command, data: report.slice(2, 2 + len) };
}

/** Framing for HID reports of `reportLength` bytes. */
export function hidReportFraming(reportLength = 8): Framing {
  return {
    name: `hid-report-${reportLength}`,
    encode: (frame) => encodeHidReport(frame, reportLength),
    createFramer(): StreamFramer {
      return {
        buffered: 0,
        push(chunk): FrameParserEvent[] {
          const frame = decodeHidReport(chunk);
          return frame
            ? [{ kind: "frame", frame, raw: chunk.slice() }]
            : [{ kind: "discarded", bytes: chunk.slice(), reason: "bad-length" }];
        },
        flush: () => [],
      };
    },
    corrupt(bytes) {
      const copy = bytes.slice();
      copy[1] = 0xff; // an impossible LEN: the host must discard the report
      return copy;
    },
  };
}
