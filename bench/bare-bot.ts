// The framework's floor: a grammY bot in webhook mode that only answers each update.
// Started by bench/intake.ts with BOT_TOKEN, TELEGRAM_API_ROOT, HTTP_PORT and WEBHOOK_SECRET.
import { createServer } from 'node:http'
import { Bot, webhookCallback } from 'grammy'

const token = process.env.BOT_TOKEN ?? ''
const secret = process.env.WEBHOOK_SECRET ?? ''
const port = Number(process.env.HTTP_PORT)
const bot = new Bot(token, { client: { apiRoot: process.env.TELEGRAM_API_ROOT ?? '' } })
bot.on('message', (ctx) => ctx.reply('ok'))
bot.on('callback_query', async (ctx) => {
  await ctx.answerCallbackQuery()
  await ctx.reply('ok')
})
await bot.init()
const handle = webhookCallback(bot, 'http', { secretToken: secret })
const server = createServer((request, response) => {
  void handle(request, response)
})
server.listen(port, '127.0.0.1', () => {
  void bot.api.setWebhook(`http://127.0.0.1:${port}/`, { secret_token: secret }).then(() => {
    process.stdout.write('bare bot ready\n')
  })
})
process.once('SIGTERM', () => {
  server.close(() => process.exit(0))
})
