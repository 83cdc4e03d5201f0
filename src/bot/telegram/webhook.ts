/** Where Telegram posts updates on our HTTP server, below WEBHOOK_URL. */
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook'

export const telegramWebhookUrl = (baseUrl: string): string => `${baseUrl}${TELEGRAM_WEBHOOK_PATH}`
