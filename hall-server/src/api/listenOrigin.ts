/**
 * The origin a hall's status links use when its config has no `publicBaseUrl` (the demo, tests): the address it
 * listens on. A wildcard listen address ("0.0.0.0", "::": the LAN) is no address a phone can open, so the first LAN
 * IPv4 address of this machine stands for it (loopback when it has none). A real hall names its `publicBaseUrl`
 * (required by `hall-server start` outside demo mode).
 */
import type { AddressInfo } from "node:net";
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

/** `http://<address>:<port>` for the address a server listens on (`interfaces` for tests; default: this machine's). */
export function listenOrigin(
  address: Pick<AddressInfo, "address" | "family" | "port">,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string {
  let host = address.address;
  if (host === "0.0.0.0" || host === "::") {
    const lan = Object.values(interfaces)
      .flat()
      .find((a) => a !== undefined && a.family === "IPv4" && !a.internal);
    host = lan?.address ?? "127.0.0.1";
  }
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}
