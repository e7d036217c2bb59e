/**
 * The page's end of the panel's WebSocket: the latest state, printed tickets, and `send(command)` resolving with the
 * server's reply. Reconnects by itself (the demo may restart); every message is validated against the protocol.
 */
import { ref, shallowRef, type Ref, type ShallowRef } from "vue";
import { PanelMessage, type PanelCommand, type PanelState } from "../../src/protocol.ts";

export interface PanelReply {
  readonly ok: boolean;
  readonly error?: string;
}

export interface PanelSocket {
  readonly state: ShallowRef<PanelState | null>;
  readonly connected: Ref<boolean>;
  send(command: PanelCommand): Promise<PanelReply>;
}

export function connectPanel(url = new URL("ws", location.href.replace(/^http/, "ws")).href): PanelSocket {
  const state = shallowRef<PanelState | null>(null);
  const connected = ref(false);
  const pending = new Map<number, (reply: PanelReply) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;

  const open = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      connected.value = true;
      retryMs = 250;
    };
    ws.onmessage = (event) => {
      const parsed = PanelMessage.safeParse(JSON.parse(String(event.data)));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === "state") state.value = message.state;
      else if (message.type === "reply" && message.id !== null) {
        pending.get(message.id)?.({ ok: message.ok, error: message.error });
        pending.delete(message.id);
      }
      // "ticket" needs nothing more: the state that follows it lists the ticket.
    };
    ws.onclose = () => {
      connected.value = false;
      for (const resolve of pending.values()) resolve({ ok: false, error: "connection lost" });
      pending.clear();
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 4000);
    };
  };
  open();

  return {
    state,
    connected,
    send(command) {
      const id = nextId++;
      return new Promise((resolve) => {
        if (socket?.readyState !== WebSocket.OPEN) {
          resolve({ ok: false, error: "connection lost" });
          return;
        }
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, command }));
      });
    },
  };
}
