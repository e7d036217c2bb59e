import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { listenOrigin } from "./listenOrigin.ts";

const nic = (address: string, internal: boolean, family: "IPv4" | "IPv6" = "IPv4") =>
  ({ address, internal, family, netmask: "", mac: "", cidr: null }) as NetworkInterfaceInfo;
const machine = { lo: [nic("127.0.0.1", true)], eth0: [nic("fe80::1", false, "IPv6"), nic("192.168.1.23", false)] };

describe("the origin of a hall's status links without publicBaseUrl", () => {
  it("when the hall listens on loopback or one address, then that address", () => {
    expect(listenOrigin({ address: "127.0.0.1", family: "IPv4", port: 8080 }, machine)).toBe("http://127.0.0.1:8080");
    expect(listenOrigin({ address: "10.0.0.5", family: "IPv4", port: 80 }, machine)).toBe("http://10.0.0.5:80");
    expect(listenOrigin({ address: "::1", family: "IPv6", port: 9000 }, machine)).toBe("http://[::1]:9000");
  });

  it("when the hall listens on every address (the LAN), then this machine's LAN IPv4 address, which a phone can open", () => {
    expect(listenOrigin({ address: "0.0.0.0", family: "IPv4", port: 8080 }, machine)).toBe("http://192.168.1.23:8080");
    expect(listenOrigin({ address: "::", family: "IPv6", port: 8080 }, machine)).toBe("http://192.168.1.23:8080");
  });

  it("when the machine has no LAN address, then loopback", () => {
    expect(listenOrigin({ address: "0.0.0.0", family: "IPv4", port: 8080 }, { lo: machine.lo })).toBe(
      "http://127.0.0.1:8080",
    );
  });
});
