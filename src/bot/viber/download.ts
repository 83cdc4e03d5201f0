export type DownloadedPicture =
  | { ok: true; content: Buffer; mimeType: string }
  | { ok: false; reason: 'too-large'; sizeBytes: number }
  | { ok: false; reason: 'not-image' | 'unavailable' }

// What the bytes say, not what the server claims.
function sniff(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif'
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp'
  return null
}

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
    await response.body.cancel().catch(() => undefined)
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
        await reader.cancel().catch(() => undefined)
        return { ok: false, reason: 'too-large', sizeBytes: size }
      }
      chunks.push(Buffer.from(value))
    }
  } catch {
    return { ok: false, reason: 'unavailable' }
  }
  const content = Buffer.concat(chunks)
  const mimeType = sniff(content)
  if (mimeType === null) return { ok: false, reason: 'not-image' }
  return { ok: true, content, mimeType }
}
