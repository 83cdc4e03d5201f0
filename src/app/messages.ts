// Operator-facing messages of the process itself (console, not residents): English, in one place.

export const MISSING_BOT_TOKEN = `
Telegram is off: BOT_TOKEN is not set. The rest of Service 115 runs (HTTP server, delivery
workers, and Viber when VIBER_AUTH_TOKEN is set).

To turn Telegram on:
  1. In Telegram, open @BotFather and send /newbot (or /token for an existing bot).
  2. Put the token it gives you into the environment or a .env file here:
       BOT_TOKEN=123456789:AA...
  3. Stop the service (Ctrl-C) and start it again: npm start

Without WEBHOOK_URL the bot uses long polling, so no public address is needed.
Check the whole setup with: npm run cli -- doctor
`

const seconds = (ms: number): string => `${String(Math.round(ms / 1000))} s`

export const telegramUnreachable = (apiRoot: string, retryInMs: number): string =>
  `The Telegram Bot API (${apiRoot}) does not answer, or refuses the token; the rest of the service runs ` +
  `and the bot keeps trying, first in ${seconds(retryInMs)}, then less often (up to once a minute). ` +
  `/ready shows telegram: failing until it answers. Check the network, TELEGRAM_API_ROOT and BOT_TOKEN.`

export const viberUnreachable = (apiRoot: string, retryInMs: number): string =>
  `The Viber API (${apiRoot}) does not answer, or refuses the token; the rest of the service runs ` +
  `and Viber is tried again, first in ${seconds(retryInMs)}, then less often (up to once a minute). ` +
  `/ready shows viber: failing until it answers. Check the network, VIBER_API_ROOT and VIBER_AUTH_TOKEN.`

export const running = (url: string, pid: number): string =>
  `Service 115 is running (process ${String(pid)}; Ctrl-C or kill ${String(pid)} stops it). Open ${url}`

export const configProblems = (problems: string[]): string =>
  `Service 115 cannot start: the configuration has problems (values are not shown):\n  ${problems.join('\n  ')}\n`
