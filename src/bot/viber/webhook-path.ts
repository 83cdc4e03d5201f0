/** Where Viber posts callbacks on our HTTP server, below PUBLIC_URL. */
export const VIBER_WEBHOOK_PATH = '/viber/webhook'

export const viberWebhookUrl = (publicUrl: string): string => `${publicUrl}${VIBER_WEBHOOK_PATH}`
