import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { downloadPicture } from '../../../src/bot/viber/download.js'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)])

describe("fetching a picture from Viber's media link (real HTTP on loopback)", () => {
  let server: Server
  let origin: string

  beforeAll(async () => {
    server = createServer((request, response) => {
      switch (request.url) {
        case '/photo.png':
          response.writeHead(200, { 'content-type': 'image/jpeg' }).end(PNG)
          return
        case '/declared-huge.jpg':
          response.writeHead(200, { 'content-length': String(50 * 1024 * 1024) })
          response.write(Buffer.from([0xff, 0xd8, 0xff]))
          return
        case '/streamed-huge.jpg':
          // No length said: the reader must stop by itself.
          response.writeHead(200, { 'transfer-encoding': 'chunked' })
          for (let i = 0; i < 20; i++) response.write(Buffer.alloc(1024, 0xff))
          response.end()
          return
        case '/page.html':
          response.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html>not a picture</html>')
          return
        default:
          response.writeHead(404).end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('when the link gives an image, then its bytes come back with the type the bytes say', async () => {
    expect(await downloadPicture(`${origin}/photo.png`, { maxBytes: 1024 })).toEqual({
      ok: true,
      content: PNG,
      mimeType: 'image/png',
    })
  })

  it('when the declared size is over the limit, then nothing is read and it is "too large"', async () => {
    expect(await downloadPicture(`${origin}/declared-huge.jpg`, { maxBytes: 10 * 1024 * 1024 })).toEqual({
      ok: false,
      reason: 'too-large',
      sizeBytes: 50 * 1024 * 1024,
    })
  })

  it('when an unannounced body grows over the limit, then reading stops and it is "too large"', async () => {
    const result = await downloadPicture(`${origin}/streamed-huge.jpg`, { maxBytes: 8 * 1024 })
    expect(result).toMatchObject({ ok: false, reason: 'too-large' })
  })

  it('when the bytes are not an image whatever the header says, then it is "not an image"', async () => {
    expect(await downloadPicture(`${origin}/page.html`, { maxBytes: 1024 })).toEqual({ ok: false, reason: 'not-image' })
  })

  it('when the link has expired, then it is "unavailable"', async () => {
    expect(await downloadPicture(`${origin}/gone.jpg`, { maxBytes: 1024 })).toEqual({
      ok: false,
      reason: 'unavailable',
    })
  })
})
