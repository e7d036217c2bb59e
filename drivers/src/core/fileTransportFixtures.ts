/** Test fixtures for FileTransport: a scripted device node behind the injectable fs boundary. */
import type { DeviceFiles, DeviceHandle } from "./fileTransport.ts";

/** An fs-style error with an errno `code`. */
export const errno = (code: string): Error => Object.assign(new Error(`${code}: fake`), { code });

/**
 * A device node whose reads and writes follow a script (usblp's EIO and EINVAL cannot be raised with a real file
 * or PTY). Each read takes the next scripted outcome, then answers EAGAIN (idle) forever.
 */
export function scriptedDevice(reads: (Uint8Array | string)[], options: { stat?: string; writes?: string[] } = {}) {
  const log = { reads: 0, written: [] as number[] };
  const handle: DeviceHandle = {
    read(buffer) {
      log.reads++;
      const next = reads.shift() ?? "EAGAIN";
      if (typeof next === "string") return Promise.reject(errno(next));
      buffer.set(next);
      return Promise.resolve({ bytesRead: next.length });
    },
    write(data, offset, length) {
      const failure = options.writes?.shift();
      if (failure) return Promise.reject(errno(failure));
      log.written.push(...data.subarray(offset, offset + length));
      return Promise.resolve({ bytesWritten: length });
    },
    close: () => Promise.resolve(),
  };
  const files: DeviceFiles = {
    open: () => Promise.resolve(handle),
    stat: () => (options.stat ? Promise.reject(errno(options.stat)) : Promise.resolve({})),
  };
  return { files, log };
}
