/** Public API of the configurable keypad / LED frame: profiles, codec, parser, link and the virtual device end. */
export * from "./pure.ts";
export {
  FrameLink,
  type DiscardedBytes,
  type FrameLinkEvents,
  type FrameLinkOptions,
  type ReplyVerdict,
  type RequestOptions,
} from "./link.ts";
export { VirtualEndpoint, noFaults, type LineFaults, type VirtualEndpointEvents } from "./virtualEndpoint.ts";
export { PolledLine, type PolledLineEvents, type PolledLineLinkOptions, type PolledLineSetup } from "./polledLine.ts";
