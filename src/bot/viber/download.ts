import { imageTypeOf } from '../../core/shared/image-type.js'
import { ignoreCancelError } from '../shared/read-head.js'

export type DownloadedPicture =
  | { ok: true; content: Buffer; mimeType: string }
  | { ok: false; reason: 'too-large'; sizeBytes: number }
  | { ok: false; reason: 'not-image' | 'unavailable' }

/**
 * Fetches a picture a person sent (Viber's media links expire within an hour), reading at most
 * `maxBytes`: a larger one is cut off and reported, never held in memory whole.
 */
export async function downloadPicture(
  url: string,
  options: { maxBytes: number; timeoutMs?: number },
): Promise<DownloadedPicture> {
  let response: Response
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) })
  } catch {
    return { ok: false, reason: 'unavailable' }
  }
  if (!response.ok || !response.body) return { ok: false, reason: 'unavailable' }
  const declared = Number(response.headers.get('content-length') ?? 'NaN')
  if (declared > options.maxBytes) {
    await response.body.cancel().catch(ignoreCancelError)
    return { ok: false, reason: 'too-large', sizeBytes: declared }
  }
  const chunks: Buffer[] = []
  let size = 0
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > options.maxBytes) {
        await reader.cancel().catch(ignoreCancelError)
        return { ok: false, reason: 'too-large', sizeBytes: size }
      }
      chunks.push(Buffer.from(value))
    }
  } catch {
    return { ok: false, reason: 'unavailable' }
  }
  const content = Buffer.concat(chunks)
  // What the bytes say, not what the server claims.
  const mimeType = imageTypeOf(content)
  if (mimeType === null) return { ok: false, reason: 'not-image' }
  return { ok: true, content, mimeType }
}
