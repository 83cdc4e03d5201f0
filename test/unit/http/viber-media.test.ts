import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpServer } from '../../../src/http/create-http-server.js'
import { startHttpServer } from '../../../src/http/create-http-server.js'
import type { MediaFile } from '../../../src/http/media.js'
import { createMediaLinks, mediaFiles } from '../../../src/http/media.js'

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9])

describe('signed, expiring media links (real HTTP on loopback)', () => {
  let http: HttpServer
  let clock = Date.parse('2026-11-29T12:00:00Z')
  // Links below '' are bare paths; the tests put the server's origin in front.
  const links = createMediaLinks({ baseUrl: '', secret: 'media-secret', ttlSeconds: 3600, now: () => clock })
  const photos = new Map<number, MediaFile>([[7, { content: JPEG, mimeType: 'image/jpeg' }]])
  const telegram = new Map<string, MediaFile>([['AgACAgIAAxk-file_1', { content: PNG, mimeType: 'image/png' }]])
  const get = (path: string) => fetch(`${http.origin}${path}`)

  beforeAll(async () => {
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      surfaces: [
        mediaFiles({
          links,
          loadPhoto: (id) => Promise.resolve(photos.get(id) ?? null),
          loadTelegramFile: (fileId) => Promise.resolve(telegram.get(fileId) ?? null),
        }),
      ],
      onError: () => undefined,
    })
  })
  afterAll(async () => {
    await http.close()
  })

  it('when a signed link to a stored photo is fetched in time, then its bytes and type come back', async () => {
    const url = links.url({ kind: 'photo', id: 7 })
    expect(url).toMatch(/\.jpeg$/)
    const response = await get(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await response.arrayBuffer())).toEqual(JPEG)
  })

  it('when a signed link names a Telegram file, then the file comes through the function given', async () => {
    const response = await get(links.url({ kind: 'telegram', fileId: 'AgACAgIAAxk-file_1' }))
    expect(response.status).toBe(200)
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG)
  })

  it('when the link has expired, then the answer is 404', async () => {
    const url = links.url({ kind: 'photo', id: 7 })
    clock += 3601 * 1000
    try {
      expect((await get(url)).status).toBe(404)
    } finally {
      clock -= 3601 * 1000
    }
  })

  it('when the signature is forged or the id swapped, then the answer is 404', async () => {
    const url = links.url({ kind: 'photo', id: 7 })
    const forged = url.replace(/[0-9a-f](?=\.jpeg$)/, (c) => (c === '0' ? '1' : '0'))
    expect((await get(forged)).status).toBe(404)
    expect((await get(url.replace('/p7/', '/p8/'))).status).toBe(404)
    // A later expiry with the old signature does not pass either.
    expect((await get(url.replace(/\/(\d+)\//, (_m, e: string) => `/${Number(e) + 1000}/`))).status).toBe(404)
  })

  it('when a link of another secret is tried, then the answer is 404', async () => {
    const other = createMediaLinks({ baseUrl: '', secret: 'another', ttlSeconds: 3600, now: () => clock })
    expect((await get(other.url({ kind: 'photo', id: 7 }))).status).toBe(404)
  })

  it('when the photo is gone, then the answer is 404', async () => {
    expect((await get(links.url({ kind: 'photo', id: 99 }))).status).toBe(404)
  })
})
