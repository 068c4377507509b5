import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** Asserts the status and the `{ error: { code, message, requestId } }` envelope with its stable code. */
export function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json()).toEqual({
    error: expect.objectContaining({
      code,
      message: expect.any(String),
      requestId: response.headers['x-request-id']
    })
  });
}
