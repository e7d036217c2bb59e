/**
 * The counter's two small displays, kept in step with its state: the LED strip over the window and the caller
 * keypad's display (texts from ./displayTexts.ts). Each text is sent only when it changed; a display that comes
 * back after an unplug is sent its text again; a refusal stays on the caller's display until the status changes.
 */
import type { Logger } from "pino";
import type { CounterState } from "@onewindow/contract";
import type { CounterKeypadConfig } from "../config.ts";
import type { StationDevices } from "../devices/stationDevices.ts";
import { callerText, ledText } from "./displayTexts.ts";

export class CounterDisplays {
  private led = "";
  private caller = "";

  constructor(
    private readonly devices: StationDevices,
    private readonly keypad: CounterKeypadConfig,
    private readonly callerAddress: number | undefined,
    private readonly log: Logger,
  ) {}

  /** Show what `state` says, where it changed. */
  show(state: CounterState): void {
    const led = ledText(state, this.keypad);
    if (this.devices.ledStrip && led !== this.led) {
      this.led = led;
      this.devices.ledStrip.show(led).catch((error: unknown) => {
        this.led = "";
        this.log.debug({ err: error }, "LED strip text not shown");
      });
    }
    const status = callerText(state);
    if (this.devices.callerKeypad && status !== this.caller) {
      this.caller = status;
      this.showOnCaller(status);
    }
  }

  /** Say `text` on the caller's display (a refusal) until the status changes. */
  showOnCaller(text: string): void {
    this.devices.callerKeypad?.showText(text, this.callerAddress).catch((error: unknown) => {
      this.caller = "";
      this.log.debug({ err: error }, "caller display text not shown");
    });
  }

  /** `name` came back: its text goes again on the next `show`. */
  forget(name: string): void {
    if (name === "ledStrip") this.led = "";
    if (name === "callerKeypad") this.caller = "";
  }
}
