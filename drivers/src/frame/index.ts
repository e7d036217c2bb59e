/** Public API of the configurable keypad / LED frame: profiles, codec, parser, link and the virtual device end. */
export * from "./pure.ts";
export { FrameLink, type FrameLinkOptions, type ReplyVerdict } from "./link.ts";
export { VirtualEndpoint, noFaults, type FaultKnobs } from "./virtualEndpoint.ts";
