import type { UploadedFile } from './types.js'

export interface MultipartBody {
  fields: Record<string, string>
  files: Map<string, UploadedFile>
}

const CRLF = Buffer.from('\r\n')
const HEADER_END = Buffer.from('\r\n\r\n')

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

/**
 * Parses multipart/form-data on raw bytes, because file parts are binary. The header
 * grammar is read leniently: grammY writes `content-disposition:form-data;name="x";filename=y`
 * with no spaces and an unquoted file name, which stricter parsers reject.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const result: MultipartBody = { fields: {}, files: new Map() }
  const delimiter = Buffer.from(`--${boundary}`)
  let position = body.indexOf(delimiter)
  if (position < 0) throw new Error('multipart body without its boundary')
  for (;;) {
    position += delimiter.length
    if (body.subarray(position, position + 2).toString() === '--') return result
    if (body.subarray(position, position + 2).equals(CRLF)) position += 2
    const headerEnd = body.indexOf(HEADER_END, position)
    if (headerEnd < 0) throw new Error('multipart part without the end of its headers')
    const headers = body.subarray(position, headerEnd).toString('utf8')
    const contentStart = headerEnd + HEADER_END.length
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), contentStart)
    if (next < 0) throw new Error('multipart part without a closing boundary')
    addPart(result, headers, body.subarray(contentStart, next))
    position = next + CRLF.length
  }
}

function addPart(result: MultipartBody, headers: string, content: Buffer): void {
  const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(headers)?.[1] ?? ''
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? /;\s*name=([^;\s]+)/i.exec(disposition)?.[1]
  if (name === undefined) return
  const filenameMatch = /;\s*filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(disposition)
  if (!filenameMatch) {
    result.fields[name] = content.toString('utf8')
    return
  }
  result.files.set(name, {
    field: name,
    filename: (filenameMatch[1] ?? filenameMatch[2] ?? '').trim(),
    contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
    bytes: Buffer.from(content),
  })
}
