/**
 * serialport's platform binding, with one fix: a read that returns 0 bytes ends the port as a disconnect.
 *
 * On Linux and macOS, serialport (bindings-cpp `unixRead`) answers a 0-byte read by reading again at once, forever
 * (serialport/bindings-cpp#162). On a tty opened with VMIN=1 and O_NONBLOCK, "no data" is EAGAIN; 0 bytes is end of
 * file: the line was hung up (a USB-serial adapter pulled, a PTY's socat gone). serialport finds most hang-ups
 * anyway, because the poller it waits on reports them as an error. But when the hang-up lands after the poller
 * said "readable" and before the read (bytes arriving as the cable is pulled, or a loaded machine running the
 * kernel's hang-up late), every read returns 0: one core spins, the port never closes and the driver above stays
 * "connected" for good. Here that read fails as a disconnect instead, so the port closes with `disconnected`.
 */
import { read } from "node:fs";
import { promisify } from "node:util";
import { SerialPort } from "serialport";

/**
 * What this file uses of serialport's binding. Its own typings do not resolve here (bindings-interface publishes no
 * types for ESM resolution, so `SerialPort.binding` is `any`): the shapes are spelled out instead.
 */
interface PlatformBinding {
  list(): Promise<unknown[]>;
  open(options: BindingOpenOptions): Promise<object>;
}

/** What serialport's stream hands to `open` (path, baud rate, framing, lock, ...). */
type BindingOpenOptions = { readonly path: string; readonly baudRate: number } & Readonly<Record<string, unknown>>;

/** bindings-cpp's LinuxPortBinding and DarwinPortBinding: a descriptor, and a poller that says when it is readable. */
interface UnixPortBinding {
  readonly fd: number | null;
  readonly isOpen: boolean;
  readonly openOptions: { readonly path: string };
  readonly poller: { once(event: "readable", callback: (error: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
}

const platform = SerialPort.binding as PlatformBinding;

function isUnixPort(port: object): port is UnixPortBinding {
  return "poller" in port && "fd" in port;
}

const readAsync = promisify(read);
/** The errors unixRead waits out on the poller (no data yet, or interrupted). */
const tryAgain = new Set(["EAGAIN", "EWOULDBLOCK", "EINTR"]);

/** serialport's stream drops errors marked canceled (a read cut short by close) instead of calling it a disconnect. */
function canceled(): Error {
  return Object.assign(new Error("Port is not open"), { canceled: true });
}

function readable(port: UnixPortBinding): Promise<void> {
  return new Promise((resolve, reject) =>
    port.poller.once("readable", (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

/** unixRead, except that end of file (0 bytes) rejects: the stream then closes the port as disconnected. */
async function readOrHangUp(
  port: UnixPortBinding,
  buffer: Buffer,
  offset: number,
  length: number,
): Promise<{ buffer: Buffer; bytesRead: number }> {
  for (;;) {
    const fd = port.fd;
    if (fd === null) throw canceled();
    let bytesRead: number;
    try {
      ({ bytesRead } = await readAsync(fd, buffer, offset, length, null));
    } catch (error) {
      if (!tryAgain.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      if (!port.isOpen) throw canceled();
      await readable(port);
      continue;
    }
    if (bytesRead > 0) return { buffer, bytesRead };
    throw Object.assign(new Error(`${port.openOptions.path} hung up (end of file)`), {
      code: "EIO",
      disconnect: true,
    });
  }
}

/** The platform binding of `serialport`, with `read` replaced on Linux and macOS ports (see the file comment). */
export const hangUpAwareBinding: PlatformBinding = {
  list: () => platform.list(),
  async open(options) {
    const port = await platform.open(options);
    if (isUnixPort(port)) port.read = (buffer, offset, length) => readOrHangUp(port, buffer, offset, length);
    return port;
  },
};
