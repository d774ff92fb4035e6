// Typed publish/subscribe for bridge events. Services emit; each transport subscribes once and
// forwards every event to its renderers.
import { events, type EventName, type EventPayload } from './contract.ts';

type AnyListener = (name: EventName, payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Set<AnyListener>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    // Validate at the source so a service bug shows up where it happens, not in the renderer.
    const checked = events[name].parse(payload);
    for (const listener of this.listeners) listener(name, checked);
  }

  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
