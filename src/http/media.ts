import { createHmac, timingSafeEqual } from 'node:crypto'
import type { HttpSurface } from './surface.js'
import { perIpLimit } from './surface.js'

/** A photo we can show by URL: one kept in request_photos, or one Telegram holds. */
export type MediaKey = { kind: 'photo'; id: number } | { kind: 'telegram'; fileId: string }

export interface MediaFile {
  content: Uint8Array
  mimeType: string
}

export const MEDIA_PATH = '/media/'

// <key>/<expires, unix seconds>/<hex HMAC of both>.jpeg — Viber shows pictures only from URLs ending in an image extension.
const PATH = /^\/media\/(p\d{1,10}|t[A-Za-z0-9_-]{1,200})\/(\d{1,12})\/([0-9a-f]{64})\.jpeg$/

const encode = (key: MediaKey): string => (key.kind === 'photo' ? `p${key.id}` : `t${key.fileId}`)
const decode = (encoded: string): MediaKey =>
  encoded.startsWith('p')
    ? { kind: 'photo', id: Number(encoded.slice(1)) }
    : { kind: 'telegram', fileId: encoded.slice(1) }

/**
 * Unguessable, expiring links to photos, for channels that show images only by URL (Viber).
 * The path carries its expiry and an HMAC over key and expiry: nothing to store, nothing to guess.
 */
export function createMediaLinks(options: {
  /** Below PUBLIC_URL, without a trailing slash. */
  baseUrl: string
  secret: string
  ttlSeconds: number
  now?: () => number
}) {
  const now = options.now ?? Date.now
  const sign = (encoded: string, expires: string): Buffer =>
    createHmac('sha256', options.secret).update(`media:${encoded}/${expires}`).digest()
  return {
    url: (key: MediaKey): string => {
      const encoded = encode(key)
      const expires = String(Math.floor(now() / 1000) + options.ttlSeconds)
      return `${options.baseUrl}${MEDIA_PATH}${encoded}/${expires}/${sign(encoded, expires).toString('hex')}.jpeg`
    },
    /** The key a path names, if its signature holds and it has not expired. */
    verify: (pathname: string): MediaKey | null => {
      const match = PATH.exec(pathname)
      if (!match) return null
      const [, encoded = '', expires = '', signature = ''] = match
      if (!timingSafeEqual(sign(encoded, expires), Buffer.from(signature, 'hex'))) return null
      if (Number(expires) * 1000 < now()) return null
      return decode(encoded)
    },
  }
}

export type MediaLinks = ReturnType<typeof createMediaLinks>

/** Enough for a messenger's servers fetching the pictures of a busy broadcast; it stops scraping. */
const MEDIA_PER_IP_PER_MINUTE = 600

/** GET /media/…: the photo a signed, unexpired link names; 404 for anything else, forged or expired alike. */
export function mediaFiles(options: {
  links: MediaLinks
  loadPhoto: (id: number) => Promise<MediaFile | null>
  loadTelegramFile: (fileId: string) => Promise<MediaFile | null>
}): HttpSurface {
  return (app) => {
    app.addHook('onRequest', perIpLimit(app, 'media', MEDIA_PER_IP_PER_MINUTE))
    app.get(`${MEDIA_PATH}*`, async (request, reply) => {
      const key = options.links.verify(request.url.split('?')[0] ?? '')
      const file =
        key === null
          ? null
          : key.kind === 'photo'
            ? await options.loadPhoto(key.id)
            : await options.loadTelegramFile(key.fileId)
      if (!file) return reply.code(404).send({ error: 404 })
      return reply
        .headers({
          'content-type': file.mimeType,
          'content-length': file.content.length,
          'cache-control': 'private, max-age=3600',
          'x-content-type-options': 'nosniff',
        })
        .send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength))
    })
  }
}
