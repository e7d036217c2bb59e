/**
 * The page's side of the station agent channel (contract/src/agent.ts): connect to the loopback agent named in the
 * page's URL fragment, answer its challenge with a sealed hello, seal every message with the next seq, hand each
 * validated agent message to `onMessage`, and reconnect every `retryMs` after the socket closes (agent restarted).
 */
import { AGENT_WS_PATH, AgentMessage, sealPageMessage, type AgentAddress, type PageMessage } from "@onewindow/contract";

export interface AgentLink {
  /** Seal and send `message`; false when no session is open (the page says the kiosk is not ready). */
  send(message: PageMessage): Promise<boolean>;
  close(): void;
}

export function linkAgent(
  address: AgentAddress,
  handlers: { onMessage(message: AgentMessage): void; onOpen(open: boolean): void },
  retryMs = 2000,
): AgentLink {
  let socket: WebSocket | undefined;
  let nonce: string | undefined;
  let seq = 1;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const seal = (message: PageMessage) => sealPageMessage(address.secret, nonce!, seq++, message);

  const connect = () => {
    const ws = new WebSocket(new URL(AGENT_WS_PATH, address.url));
    socket = ws;
    ws.onmessage = async (event) => {
      let parsed: ReturnType<typeof AgentMessage.safeParse>;
      try {
        parsed = AgentMessage.safeParse(JSON.parse(String(event.data)));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === "challenge") {
        nonce = message.nonce;
        seq = 1;
        ws.send(await seal({ type: "hello", page: "kiosk" }));
        return;
      }
      if (message.type === "welcome") handlers.onOpen(true);
      handlers.onMessage(message);
    };
    ws.onclose = () => {
      nonce = undefined;
      handlers.onOpen(false);
      if (!closed) retry = setTimeout(connect, retryMs);
    };
  };
  connect();

  return {
    async send(message) {
      if (!socket || socket.readyState !== WebSocket.OPEN || nonce === undefined) return false;
      socket.send(await seal(message));
      return true;
    },
    close() {
      closed = true;
      clearTimeout(retry);
      socket?.close();
    },
  };
}
