import { pino } from 'pino'
import type { Logger } from 'pino'

export type { Logger }

/**
 * Paths that may carry personal data or secrets. Log fields are named consistently
 * (phone, text, description, token, …) so these paths catch them wherever they appear.
 */
export const REDACTED_PATHS = [
  'phone',
  '*.phone',
  'contactPhone',
  '*.contactPhone',
  'text',
  '*.text',
  'description',
  '*.description',
  'address',
  '*.address',
  'name',
  '*.firstName',
  '*.lastName',
  '*.username',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
]

/**
 * Errors as name, message, code and stack only. The default serializer copies every field, and
 * some libraries hang whole objects on their errors (a pg error carries its client, connection
 * settings included): kilobytes a line, secrets among them, and a flood when the network fails.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) }
  const { code } = error as { code?: unknown }
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: error.stack?.split('\n').slice(0, 8).join('\n'),
    ...(error.cause !== undefined ? { cause: serializeError(error.cause) } : {}),
  }
}

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      serializers: { err: serializeError },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'service-115' },
    },
    options.destination,
  )
}

/** A connection URL without its password, for logs and messages. */
export function safeUrl(raw: string): string {
  try {
    const parsed = new URL(raw)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable URL)'
  }
}
