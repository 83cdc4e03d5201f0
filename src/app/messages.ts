// Operator-facing messages of the process itself (console, not residents): English, in one place.

export const MISSING_BOT_TOKEN = `
Service 115 is running its database and Redis, but Telegram is not configured:
BOT_TOKEN is not set.

To get a token:
  1. In Telegram, open @BotFather and send /newbot (or /token for an existing bot).
  2. Put the token it gives you into the environment or a .env file here:
       BOT_TOKEN=123456789:AA...
  3. Start again: npm start

Without WEBHOOK_URL the bot uses long polling, so no public address is needed.
Check the whole setup with: npm run cli -- doctor
`

export const configProblems = (problems: string[]): string =>
  `Service 115 cannot start: the configuration has problems (values are not shown):\n  ${problems.join('\n  ')}\n`
