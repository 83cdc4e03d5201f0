import { ViberApiError, VIBER_EVENT_TYPES } from '../../bot/viber/client.js'
import { viberWebhookUrl } from '../../bot/viber/webhook-path.js'
import type { Config } from '../config.js'
import { viberClientFor } from '../viber.js'
import type { CommandOutput } from './output.js'
import { CommandFailed, UsageError } from './output.js'

/**
 * Points the Viber bot at PUBLIC_URL/viber/webhook. Viber checks the URL with a signed callback
 * before it answers, so the service must already be running there.
 */
export async function runViberSetWebhook(config: Config, _args: string[], out: CommandOutput): Promise<number> {
  if (config.viber === undefined || config.publicUrl === undefined)
    throw new UsageError('viber:set-webhook needs VIBER_AUTH_TOKEN and PUBLIC_URL (or WEBHOOK_URL)')
  const url = viberWebhookUrl(config.publicUrl)
  try {
    const events = await viberClientFor(config.viber).setWebhook(url, VIBER_EVENT_TYPES)
    out(`Viber webhook set: ${url}`)
    out(`events: ${events.join(', ')}`)
    return 0
  } catch (error) {
    if (!(error instanceof ViberApiError)) throw error
    throw new CommandFailed(`Viber refused the webhook ${url}: ${error.status ?? 'no answer'} ${error.statusMessage}`, {
      cause: error,
    })
  }
}
