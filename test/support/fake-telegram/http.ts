import type { IncomingMessage, ServerResponse } from 'node:http'
import { boundaryOf, parseMultipart } from './multipart.js'
import type { Params, UploadedFile } from './types.js'
import { ApiError, badRequest } from './types.js'

export interface ApiRequest {
  params: Params
  files: Map<string, UploadedFile>
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Reads a call's parameters the four ways Telegram accepts them; the body wins over the query. */
export async function readApiRequest(request: IncomingMessage, url: URL): Promise<ApiRequest> {
  const params: Params = Object.fromEntries(url.searchParams)
  const files = new Map<string, UploadedFile>()
  const body = await readBody(request)
  if (body.length === 0) return { params, files }
  const type = request.headers['content-type'] ?? ''
  if (type.includes('application/json')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      throw badRequest("can't parse JSON encoded request body")
    }
    if (!isRecord(parsed)) throw badRequest('request body must be a JSON object')
    Object.assign(params, parsed)
  } else if (type.includes('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))))
  } else if (type.includes('multipart/form-data')) {
    const boundary = boundaryOf(type)
    if (boundary === undefined) throw badRequest('multipart/form-data without a boundary')
    try {
      const parsed = parseMultipart(body, boundary)
      Object.assign(params, parsed.fields)
      for (const [name, file] of parsed.files) files.set(name, file)
    } catch (error) {
      throw badRequest(`can't parse multipart/form-data: ${(error as Error).message}`)
    }
  }
  return { params, files }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

export const errorBody = (error: ApiError): unknown => ({
  ok: false,
  error_code: error.code,
  description: error.description,
  ...(error.parameters ? { parameters: error.parameters } : {}),
})

export const notFound = (): ApiError => new ApiError(404, 'Not Found')
