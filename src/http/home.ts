import { escapeHtml } from './html.js'
import type { HttpSurface } from './surface.js'
import { perIpLimit } from './surface.js'

export interface RunningPart {
  name: string
  /** e.g. "on (webhook)", "off: BOT_TOKEN is not set". */
  state: string
}

const HOME_PER_IP_PER_MINUTE = 120

export function renderHome(parts: RunningPart[]): string {
  const items = parts.map((p) => `<li>${escapeHtml(p.name)}: ${escapeHtml(p.state)}</li>`).join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Service 115</title></head>
<body><h1>Service 115 is running</h1><ul>${items}</ul>
<p><a href="/health">/health</a> (the process is up) · <a href="/ready">/ready</a> (database, Redis and each channel)</p>
</body></html>`
}

/**
 * GET /: for whoever opens the address the start-up log names, what this process runs. Operators'
 * words, like the log: the residents' own entrances are the messengers.
 */
export function homePage(options: { parts: () => RunningPart[] }): HttpSurface {
  return (app) => {
    app.get('/', { onRequest: perIpLimit(app, 'home', HOME_PER_IP_PER_MINUTE) }, (_request, reply) =>
      reply
        .headers({
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': "default-src 'none'",
          'x-content-type-options': 'nosniff',
        })
        .send(renderHome(options.parts())),
    )
  }
}
