/**
 * Devices and pairing: the admin registers and revokes a device, a device redeems its pairing code, and a station
 * agent answers commands and reports its devices' health.
 */
import {
  CommandResultBody,
  CreateDeviceBody,
  CreatedDevice,
  DeviceCommandView,
  DeviceHealthBody,
  DeviceView,
  OkAnswer,
  PairDeviceBody,
  PairedDevice,
  RevokedDevice,
} from "@onewindow/contract";
import { z } from "zod";
import { answerCommand } from "../../services/deviceCommands.ts";
import { createDevice, listDevices, pairDevice, reportHealth, revokeDevice } from "../../services/devices.ts";
import { deviceOf, idParam } from "../principalOf.ts";
import { ADMIN, SUPERVISORS, route, type Route } from "../route.ts";
import { OK } from "./shared.ts";

export const deviceRoutes: Route[] = [
  route({
    method: "post",
    path: "/api/devices",
    summary: "Register a device and issue its one-time pairing code.",
    answer: CreatedDevice,
    errors: ["not_found"],
    access: ADMIN,
    body: CreateDeviceBody,
    status: 201,
    handle: ({ ctx, body }) => createDevice(ctx, body),
  }),
  route({
    method: "get",
    path: "/api/devices",
    summary: "Every registered device with its last health report.",
    answer: z.array(DeviceView),
    access: SUPERVISORS,
    handle: ({ ctx }) => listDevices(ctx),
  }),
  route({
    method: "delete",
    path: "/api/devices/:id",
    summary: "Revoke a device: its token stops working and its sockets close (4401).",
    answer: RevokedDevice,
    errors: ["not_found"],
    access: ADMIN,
    handle: ({ ctx, params }) => (revokeDevice(ctx, idParam(params)), { revoked: true as const }),
  }),
  route({
    method: "post",
    path: "/api/devices/pair",
    summary: "Redeem a pairing code for the device's bearer token.",
    answer: PairedDevice,
    access: ["public"],
    body: PairDeviceBody,
    rateLimit: "pairing",
    handle: ({ ctx, body }) => pairDevice(ctx, body.code),
  }),
  route({
    method: "post",
    path: "/api/devices/self/commands/:id/result",
    summary: "A station agent answers a command sent over /ws (done, or failed with why); the first answer counts.",
    answer: DeviceCommandView,
    errors: ["not_found"],
    access: ["kiosk"],
    body: CommandResultBody,
    handle: ({ ctx, principal, params, body }) =>
      answerCommand(ctx, deviceOf(principal).deviceId, idParam(params), body),
  }),
  route({
    method: "post",
    path: "/api/devices/self/health",
    summary: "A station agent reports its devices' health.",
    answer: OkAnswer,
    access: ["kiosk", "counter", "screen"],
    body: DeviceHealthBody,
    handle: ({ ctx, principal, body }) => (reportHealth(ctx, deviceOf(principal).deviceId, body.devices), OK),
  }),
];
