import type { FakeCore, MethodHandler } from './core.js'
import type { ApiRequest } from './http.js'
import { errorBody, notFound } from './http.js'
import { botMethods } from './methods-bot.js'
import { messageMethods } from './methods-messages.js'
import { ParamReader } from './params.js'
import type { CallRecord } from './state.js'
import { ApiError } from './types.js'

const METHODS: Record<string, MethodHandler> = { ...botMethods, ...messageMethods }

// Bot API method names are case-insensitive; stats and call records use the canonical spelling.
const BY_LOWER_NAME = new Map(Object.keys(METHODS).map((name) => [name.toLowerCase(), name]))

export interface MethodAnswer {
  status: number
  body: unknown
}

/** Runs one Bot API call and shapes the answer as Telegram's JSON envelope. */
export async function callMethod(
  core: FakeCore,
  requested: string,
  request: ApiRequest,
  signal: AbortSignal,
): Promise<MethodAnswer> {
  const name = BY_LOWER_NAME.get(requested.toLowerCase())
  const call: CallRecord = { method: name ?? requested, params: request.params }
  core.state.calls.push(call)
  core.state.events.emit('call', call)
  const answer = await run(core, name, request, signal)
  call.status = answer.status
  return answer
}

async function run(
  core: FakeCore,
  name: string | undefined,
  request: ApiRequest,
  signal: AbortSignal,
): Promise<MethodAnswer> {
  try {
    const handler = name === undefined ? undefined : METHODS[name]
    if (!handler) throw notFound()
    const context = { core, params: new ParamReader(request.params), files: request.files, signal }
    const result: unknown = await handler(context)
    return { status: 200, body: { ok: true, result } }
  } catch (error) {
    if (!(error instanceof ApiError)) {
      const description = `Internal Server Error: ${(error as Error).message}`
      return { status: 500, body: { ok: false, error_code: 500, description } }
    }
    if (error.code === 429) core.state.counters.tooManyRequests += 1
    return { status: error.code, body: errorBody(error) }
  }
}
