// The bridge contract: every command (renderer → main, request/response) and every event
// (main → renderer) with its schema. Both transports are generic over this one object.
import type { z } from 'zod';
import { appCommands, appEvents } from './contract-app.ts';
import { syncCommands, syncEvents } from './contract-sync.ts';
import { syncAccountCommands, syncAccountEvents } from './contract-sync-accounts.ts';
import { matrixCommands, matrixEvents } from './contract-matrix.ts';
import { shellCommands, shellEvents } from './contract-shell.ts';
import { updateCommands, updateEvents } from './contract-updates.ts';
import { remoteCommands, remoteEvents } from './contract-remote.ts';
import { catalogSourceCommands, catalogSourceEvents } from './contract-catalog-source.ts';
import { signInCommands, signInEvents } from './contract-sign-in.ts';

export const commands = { ...appCommands, ...syncCommands, ...syncAccountCommands, ...matrixCommands, ...shellCommands, ...updateCommands, ...catalogSourceCommands, ...remoteCommands, ...signInCommands } as const;
export const events = { ...appEvents, ...syncEvents, ...syncAccountEvents, ...matrixEvents, ...shellEvents, ...updateEvents, ...catalogSourceEvents, ...remoteEvents, ...signInEvents } as const;

export type Commands = typeof commands;
export type Events = typeof events;
export type CommandName = keyof Commands;
export type EventName = keyof Events;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Commands[K]['output']>;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

/** What the main side implements: one async function per command. */
export type CommandHandlers = { [K in CommandName]: (input: z.output<Commands[K]['input']>) => Promise<CommandOutput<K>> };

/** What the renderer sees as `window.werkplek`: exactly the contract's commands, plus `on` for events. */
export type BridgeApi = { [K in CommandName]: (input: CommandInput<K>) => Promise<CommandOutput<K>> } & {
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
};

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];
