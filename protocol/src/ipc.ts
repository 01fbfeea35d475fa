import { z } from 'zod';
import { LoginResponse } from './auth.ts';
import { EntityId } from './ids.ts';
import { DisplaySource, SettingResult } from './platform.ts';

/**
 * The one IPC contract between the desktop renderer (through the preload)
 * and the Electron main process. Each channel takes one payload and returns
 * one result; the preload's wrappers are generated from this table and the
 * main process validates every payload against it.
 */
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes');
const VersionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const ipcContract = {
  'session:load': { payload: z.undefined(), result: LoginResponse.nullable() },
  'session:save': { payload: LoginResponse, result: z.void() },
  'session:clear': { payload: z.undefined(), result: z.void() },
  'documents:read': { payload: z.strictObject({ versionId: VersionId }), result: Bytes.nullable() },
  'documents:write': {
    payload: z.strictObject({
      versionId: VersionId,
      bytes: Bytes.refine((bytes) => bytes.byteLength <= 512 * 1024 * 1024, 'document too large to cache'),
      meetingStartsAt: z.iso.datetime({ offset: true }).optional(),
    }),
    result: z.void(),
  },
  'documents:clear': { payload: z.undefined(), result: z.void() },
  'documents:list': { payload: z.undefined(), result: z.array(z.string()) },
  'file:save': {
    payload: z.strictObject({ fileName: z.string().min(1).max(255), bytes: Bytes, mimeType: z.string().max(100) }),
    result: z.void(),
  },
  'server:set': { payload: z.strictObject({ url: z.string().max(2048) }), result: SettingResult },
  'server:add-authority': { payload: z.strictObject({ pem: z.string().max(64 * 1024) }), result: SettingResult },
  'display:sources': { payload: z.undefined(), result: z.array(DisplaySource) },
  'display:choose': { payload: z.strictObject({ sourceId: z.string().max(200) }), result: z.void() },
  'notify:show': {
    payload: z.strictObject({ title: z.string().max(200), body: z.string().max(1000), meetingId: EntityId.optional() }),
    result: z.boolean(),
  },
} as const;

export type IpcChannel = keyof typeof ipcContract;
export type IpcPayload<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['payload']>;
export type IpcResult<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['result']>;
export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];

/** How a failed call comes back to the renderer: a message, never a stack trace. */
export const IPC_ERROR_PREFIX = 'dien-hong-ipc:';
