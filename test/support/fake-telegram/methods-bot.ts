import type { BotCommand, File, MenuButton } from 'grammy/types'
import type { MethodHandler } from './core.js'
import { MAX_DOWNLOAD_BYTES } from './files.js'
import { isRecord } from './http.js'
import type { ParamReader } from './params.js'
import { FAKE_BOT } from './state.js'
import { ApiError, badRequest } from './types.js'
import { NO_WEBHOOK } from './webhook.js'

const WEBHOOK_ACTIVE = new ApiError(
  409,
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
)

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
])

const commandsKey = (params: ParamReader): string =>
  `${JSON.stringify(params.json('scope') ?? { type: 'default' })}|${params.string('language_code') ?? ''}`

function commandsOf(params: ParamReader): BotCommand[] {
  const commands = params.json('commands')
  if (!Array.isArray(commands) || commands.length > 100) throw badRequest("can't parse commands JSON object")
  for (const command of commands) {
    if (!isRecord(command) || typeof command.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
      throw badRequest('BOT_COMMAND_INVALID')
    }
    const description = command.description
    if (typeof description !== 'string' || description.trim() === '' || description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID')
    }
  }
  return commands as BotCommand[]
}

function menuButtonOf(params: ParamReader): MenuButton {
  const button = params.json('menu_button') ?? { type: 'default' }
  if (!isRecord(button) || !['commands', 'web_app', 'default'].includes(String(button.type))) {
    throw badRequest("can't parse menu button JSON object")
  }
  return button as unknown as MenuButton
}

function allowedUpdatesOf(params: ParamReader): string[] | undefined {
  const allowed = params.json('allowed_updates')
  return Array.isArray(allowed) ? allowed.map(String) : undefined
}

export const botMethods: Record<string, MethodHandler> = {
  getMe: () => ({
    ...FAKE_BOT,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  }),
  getUpdates: ({ core, params, signal }) => {
    if (core.webhook.config.url !== '') throw WEBHOOK_ACTIVE
    return core.updates.poll({
      offset: params.number('offset') ?? 0,
      limit: Math.min(Math.max(params.number('limit') ?? 100, 1), 100),
      timeoutSeconds: Math.max(params.number('timeout') ?? 0, 0),
      signal,
    })
  },
  setWebhook: ({ core, params }) => {
    const url = params.string('url') ?? ''
    // Telegram insists on HTTPS; the fake takes plain HTTP because tests listen on loopback.
    if (url !== '' && !URL.canParse(url)) throw badRequest('bad webhook: Failed to resolve host')
    const secretToken = params.string('secret_token')
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('secret token contains unallowed characters')
    }
    if (params.boolean('drop_pending_updates')) core.updates.drop()
    core.webhook.config =
      url === ''
        ? { ...NO_WEBHOOK }
        : {
            ...NO_WEBHOOK,
            url,
            secretToken,
            maxConnections: params.number('max_connections') ?? 40,
            allowedUpdates: allowedUpdatesOf(params),
          }
    if (url !== '') core.updates.interruptPoll(WEBHOOK_ACTIVE)
    core.webhook.kick()
    return true
  },
  deleteWebhook: ({ core, params }) => {
    if (params.boolean('drop_pending_updates')) core.updates.drop()
    core.webhook.config = { ...NO_WEBHOOK }
    return true
  },
  getWebhookInfo: ({ core }) => {
    const config = core.webhook.config
    return {
      url: config.url,
      has_custom_certificate: false,
      pending_update_count: core.updates.size,
      ...(config.url === '' ? {} : { max_connections: config.maxConnections, ip_address: '127.0.0.1' }),
      ...(config.allowedUpdates ? { allowed_updates: config.allowedUpdates } : {}),
      ...(config.lastErrorDate === undefined
        ? {}
        : { last_error_date: config.lastErrorDate, last_error_message: config.lastErrorMessage }),
    }
  },
  answerCallbackQuery: ({ core, params }) => {
    const queryId = params.string('callback_query_id') ?? ''
    const query = core.state.callbackQueries.get(queryId)
    if (!query || query.answered)
      throw badRequest('query is too old and response timeout expired or query ID is invalid')
    const text = params.string('text')
    if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG')
    query.answered = true
    const showAlert = params.boolean('show_alert')
    core.state.answerCallback({ queryId, userId: query.userId, text, showAlert, url: params.string('url') })
    return true
  },
  sendChatAction: ({ core, params }) => {
    const chatId = params.chatId()
    const action = params.string('action') ?? ''
    if (!CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request')
    core.state.chatAction(core.gate.chat(chatId), action)
    return true
  },
  setMyCommands: ({ core, params }) => {
    core.state.commands.set(commandsKey(params), commandsOf(params))
    return true
  },
  getMyCommands: ({ core, params }) => core.state.commands.get(commandsKey(params)) ?? [],
  deleteMyCommands: ({ core, params }) => {
    core.state.commands.delete(commandsKey(params))
    return true
  },
  setChatMenuButton: ({ core, params }) => {
    const button = menuButtonOf(params)
    if (params.has('chat_id')) core.gate.chat(params.chatId()).menuButton = button
    else core.state.defaultMenuButton = button
    return true
  },
  getChatMenuButton: ({ core, params }) =>
    (params.has('chat_id') ? core.gate.chat(params.chatId()).menuButton : undefined) ?? core.state.defaultMenuButton,
  getChat: ({ core, params }) => ({
    ...core.gate.chat(params.chatId()).chat,
    accent_color_id: 0,
    max_reaction_count: 11,
  }),
  getFile: ({ core, params }): File => {
    const stored = core.state.files.get(params.string('file_id') ?? '')
    if (!stored) throw badRequest('invalid file_id')
    if (stored.fileSize > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big')
    return {
      file_id: stored.fileId,
      file_unique_id: stored.fileUniqueId,
      file_size: stored.fileSize,
      file_path: stored.filePath,
    }
  },
}
