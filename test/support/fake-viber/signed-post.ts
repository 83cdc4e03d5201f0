import { createHmac, randomInt } from 'node:crypto'

export const signatureOf = (body: string | Buffer, authToken: string): string =>
  createHmac('sha256', authToken).update(body).digest('hex')

/** A 19-digit token like Viber's: beyond 2^53, so JSON.parse would round it. */
export const bigToken = (): string =>
  `5${String(randomInt(10 ** 9)).padStart(9, '0')}${String(randomInt(10 ** 9)).padStart(9, '0')}`

/** JSON with `message_token` written as a bare number literal, as Viber writes it. */
export function callbackJson(body: Record<string, unknown> & { message_token?: string }): string {
  const { message_token: token, ...rest } = body
  const json = JSON.stringify({ ...rest, ...(token !== undefined && { message_token: '__TOKEN__' }) })
  return token === undefined ? json : json.replace('"__TOKEN__"', token)
}

export interface PostOptions {
  /** undefined: a correct signature; null: no header; a string: that header value. */
  signature?: string | null
}

/** POSTs exactly these bytes to the webhook, signed over exactly these bytes. */
export async function postSigned(
  url: string,
  body: string,
  authToken: string,
  options: PostOptions = {},
): Promise<{ status: number; body: string }> {
  const signature = options.signature === undefined ? signatureOf(body, authToken) : options.signature
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature !== null && { 'x-viber-content-signature': signature }),
    },
    body,
  })
  return { status: response.status, body: await response.text() }
}
