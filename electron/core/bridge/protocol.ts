// The wire format shared by both transports (types only, so the renderer bundles no validator;
// the dispatcher validates every incoming message against call-message.ts).

export interface CallMessage {
  kind: 'call';
  id: number;
  name: string;
  input: unknown;
}

export type BridgeErrorCode = 'bad-message' | 'unknown-command' | 'bad-input' | 'failed' | 'bad-output';
export interface BridgeError {
  code: BridgeErrorCode;
  message: string;
}

export type ReplyMessage =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: BridgeError };

export interface EventMessage {
  kind: 'event';
  name: string;
  payload: unknown;
}

export type ServerMessage = ReplyMessage | EventMessage;
