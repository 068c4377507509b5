import type { FieldError } from '$lib/domain/validation';

/** What a refusal says: the server's `{ error: { code, message, fields? } }`. */
export interface ErrorEnvelope {
  code: string;
  message: string;
  /** Each field the server named, with a message a person can act on. */
  fields: FieldError[];
}

/**
 * Reads the error envelope every API refusal carries. An answer that is not the server's JSON (a
 * proxy's error page, say) is reported by its status alone.
 */
export async function readErrorEnvelope(response: Response): Promise<ErrorEnvelope> {
  const byStatus = { code: `HTTP_${response.status}`, message: `The server answered ${response.status}.`, fields: [] };
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; fields?: unknown } };
    return {
      code: body.error?.code ?? byStatus.code,
      message: body.error?.message ?? byStatus.message,
      fields: Array.isArray(body.error?.fields) ? (body.error.fields as FieldError[]) : []
    };
  } catch {
    return byStatus;
  }
}
