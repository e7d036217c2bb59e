/**
 * The hall's in-process bus. Publishing happens after a commit (ctx.commit, the group commit), so a subscriber's
 * failure must not reach the publisher: the change is already stored, the request must still be answered, and
 * every other subscriber must still hear of it. Each subscriber is therefore called on its own and a throw (or a
 * rejected promise) is logged with its cause and the channel, never rethrown.
 *
 *   commit -> emit("event", e) -> subscriber 1 (throws: logged) -> subscriber 2 -> ...
 */
import { EventEmitter } from "node:events";
import type { DeviceCommand, HallEvent } from "@onewindow/contract";
import type { Logger } from "pino";

/** The bus's channels and their arguments. */
export interface HallBusChannels {
  /** A committed state change, in seq order, after its COMMIT. */
  event: [HallEvent];
  /**
   * A credential may have ended (sign-out, revoke, release, a newer sign-in, staff deactivated, sessions swept):
   * sent by `forgetPrincipals` right after the change, so holders of long-lived channels re-check their tokens.
   */
  credentials: [];
  /** A command for station device `deviceId` was queued (after its COMMIT): /ws sends it to that device's sockets. */
  command: [deviceId: number, command: DeviceCommand];
}

/** An EventEmitter whose `emit` isolates each subscriber; returns whether anyone was subscribed. */
export class HallBus extends EventEmitter<HallBusChannels> {
  constructor(private readonly log: Logger) {
    super();
    this.setMaxListeners(0);
  }

  override emit<K extends keyof HallBusChannels>(channel: K, ...args: HallBusChannels[K]): boolean {
    // rawListeners keeps once() wrappers, so a once-subscriber is still removed when called.
    const subscribers = this.rawListeners(channel) as ((...a: unknown[]) => unknown)[];
    for (const subscriber of subscribers) {
      try {
        const result = subscriber.apply(this, args);
        if (result instanceof Promise) result.catch((error: unknown) => this.failed(channel, error));
      } catch (error) {
        this.failed(channel, error);
      }
    }
    return subscribers.length > 0;
  }

  private failed(channel: string, error: unknown): void {
    this.log.error({ err: error, channel }, "bus subscriber failed; the change stays committed, others were told");
  }
}
