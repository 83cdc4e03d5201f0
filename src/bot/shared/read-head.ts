/**
 * The first `bytes` bytes of a file behind a URL (to tell its type), without downloading the
 * rest; null when it cannot be fetched.
 */
export async function readHead(url: string, bytes: number, timeoutMs = 20_000): Promise<Uint8Array | null> {
  let response: Response
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
  } catch {
    return null
  }
  if (!response.ok || !response.body) return null
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < bytes) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.length
    }
  } catch {
    return null
  } finally {
    // Enough was read: the rest of the body is not wanted.
    void reader.cancel().catch(ignoreCancelError)
  }
  const head = new Uint8Array(Math.min(size, bytes))
  let at = 0
  for (const chunk of chunks) {
    if (at >= head.length) break
    const part = chunk.subarray(0, head.length - at)
    head.set(part, at)
    at += part.length
  }
  return head
}

/** A failed cancel only means the body was already closed or broken: nothing is left to free. */
export function ignoreCancelError(): void {
  // The stream is being abandoned either way.
}
