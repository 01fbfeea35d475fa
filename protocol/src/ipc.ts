import { z } from 'zod';
import { LoginResponse } from './auth.ts';

/**
 * The one IPC contract between the desktop renderer (through the preload)
 * and the Electron main process. Each channel takes one payload and returns
 * one result; the preload's wrappers are generated from this table and the
 * main process validates every payload against it.
 */
export const ipcContract = {
  'session:load': { payload: z.undefined(), result: LoginResponse.nullable() },
  'session:save': { payload: LoginResponse, result: z.void() },
  'session:clear': { payload: z.undefined(), result: z.void() },
} as const;

export type IpcChannel = keyof typeof ipcContract;
export type IpcPayload<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['payload']>;
export type IpcResult<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['result']>;
export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];

/** How a failed call comes back to the renderer: a message, never a stack trace. */
export const IPC_ERROR_PREFIX = 'dien-hong-ipc:';
