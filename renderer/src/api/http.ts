import type { z } from 'zod';
import { ApiError, type ErrorCode } from '#protocol/errors.ts';
import { platform } from '../platform/index.ts';

/** A failed API call, with the server's error code (or 'network' when the server was unreachable). */
export class ApiFailure extends Error {
  readonly code: ErrorCode | 'network';
  readonly status: number;
  /** The server's finer reason, where it gives one (e.g. `already_voted`). */
  readonly reason: string | undefined;

  constructor(code: ErrorCode | 'network', status: number, message: string, reason?: string) {
    super(message);
    this.code = code;
    this.status = status;
    this.reason = reason;
  }
}

/** Called when the server rejects the token, so the app can return to the sign-in screen. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Fetches an API path and validates the JSON reply against its protocol schema. */
export async function apiRequest<S extends z.ZodType>(
  schema: S,
  path: string,
  init: { token?: string; method?: string; body?: unknown } = {},
): Promise<z.output<S>> {
  const response = await apiFetch(path, init);
  return schema.parse(await response.json());
}

/** Fetches an API path; throws ApiFailure for network errors and error replies. */
export async function apiFetch(path: string, init: { token?: string; method?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${platform.serverUrl()}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch (error) {
    throw new ApiFailure('network', 0, error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response;
  const parsed = ApiError.safeParse(await response.json().catch(() => null));
  const failure = parsed.success
    ? new ApiFailure(parsed.data.error.code, response.status, parsed.data.error.message, parsed.data.error.reason)
    : new ApiFailure('internal', response.status, `HTTP ${response.status}`);
  if (response.status === 401 && init.token) onUnauthorized();
  throw failure;
}

/** WebSocket URL on the server for a path (http→ws, https→wss). */
export function socketUrl(path: string): string {
  return `${platform.serverUrl().replace(/^http/, 'ws')}${path}`;
}
