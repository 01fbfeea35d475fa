import { z } from 'zod';
import { IPC_ERROR_PREFIX, ipcContract, type IpcChannel, type IpcResult } from '#protocol/ipc.ts';

export type IpcHandlers = { [C in IpcChannel]: (payload: z.output<(typeof ipcContract)[C]['payload']>) => Promise<IpcResult<C>> };

export interface IpcLog {
  warn(message: string, details?: Record<string, unknown>): void;
}

/**
 * Dispatches one IPC call: the sender must be the app's own origin and the
 * payload must match the contract, or the call is refused with a logged,
 * human-readable error. Independent of Electron, so it is unit-tested.
 */
export function createIpcRouter(handlers: IpcHandlers, options: { trustedOrigin: () => string; log: IpcLog }) {
  return async function route(channel: string, senderUrl: string, payload: unknown): Promise<unknown> {
    const refuse = (reason: string, details: Record<string, unknown> = {}) => {
      options.log.warn(`ipc call refused: ${reason}`, { channel, senderUrl, ...details });
      throw new Error(`${IPC_ERROR_PREFIX}${reason}`);
    };
    if (!Object.hasOwn(ipcContract, channel)) return refuse('unknown channel');
    let origin: string;
    try {
      origin = new URL(senderUrl).origin;
    } catch {
      return refuse('sender has no valid URL');
    }
    if (origin !== options.trustedOrigin()) return refuse('sender is not the app');
    const known = channel as IpcChannel;
    const parsed = ipcContract[known].payload.safeParse(payload);
    if (!parsed.success) return refuse('malformed payload', { issues: z.prettifyError(parsed.error) });
    return (handlers[known] as (payload: unknown) => Promise<unknown>)(parsed.data);
  };
}
