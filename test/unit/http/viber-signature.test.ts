import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpServer } from '../../../src/http/create-http-server.js'
import { startHttpServer } from '../../../src/http/create-http-server.js'
import type { ViberCallbackEnvelope } from '../../../src/http/viber-webhook.js'
import { verifyViberSignature, viberWebhook } from '../../../src/http/viber-webhook.js'
import { postSigned, signatureOf } from '../../support/fake-viber/signed-post.js'

// The vector both official Viber SDKs test with.
const OFFICIAL = {
  token: '44dafb7e0f40021e-61a47a1e6778d187-f2c5a676a07050b3',
  body: '{"event":"webhook","timestamp":4977069964384421269,"message_token":1478683725125}',
  signature: 'd21b343448c8aee33b8e93768ef6ceb64a6ba6163099973a2b8bd028fea510ef',
}

// UTF-8 bytes (Cyrillic, escaped quotes) are what is signed.
const UTF8 = {
  token: 'test-auth-token-115',
  body: '{"event":"message","timestamp":1700000000000,"chat_hostname":"SN-376_","message_token":5741311803571721087,"sender":{"id":"01234567890A=","name":"Іван","language":"be","country":"BY","api_version":10},"message":{"text":"Яма на дарозе","type":"text","tracking_data":"{\\"f\\":\\"report\\",\\"s\\":\\"describe\\"}"},"silent":false}',
  signature: '5994a2fd4d20eec3d9d55016612c3d8849d336bc56d7fe3374447f39de9bf661',
}

const bytes = (s: string) => Buffer.from(s, 'utf8')

describe('the Viber signature', () => {
  it.each([
    ['the official vector', OFFICIAL],
    ['a UTF-8 body', UTF8],
  ])('when %s is signed correctly, then it is accepted', (_name, v) => {
    expect(verifyViberSignature(bytes(v.body), v.token, v.signature)).toBe(true)
  })

  it('when the hex is upper case, then it is accepted (hex is case-insensitive)', () => {
    expect(verifyViberSignature(bytes(OFFICIAL.body), OFFICIAL.token, OFFICIAL.signature.toUpperCase())).toBe(true)
  })

  it('when the signature is of another token, then it is refused', () => {
    expect(verifyViberSignature(bytes(OFFICIAL.body), UTF8.token, OFFICIAL.signature)).toBe(false)
  })

  it('when the signature is missing, then it is refused', () => {
    expect(verifyViberSignature(bytes(OFFICIAL.body), OFFICIAL.token, undefined)).toBe(false)
  })

  it('when the signature has the wrong length, then it is refused without throwing', () => {
    expect(verifyViberSignature(bytes(OFFICIAL.body), OFFICIAL.token, 'abcd')).toBe(false)
    expect(verifyViberSignature(bytes(OFFICIAL.body), OFFICIAL.token, `${OFFICIAL.signature}00`)).toBe(false)
  })

  it('when one byte of the body changed, then it is refused', () => {
    const changed = OFFICIAL.body.replace('1478683725125', '1478683725126')
    expect(verifyViberSignature(bytes(changed), OFFICIAL.token, OFFICIAL.signature)).toBe(false)
    expect(verifyViberSignature(bytes(`${OFFICIAL.body} `), OFFICIAL.token, OFFICIAL.signature)).toBe(false)
  })
})

describe('the Viber webhook route (real HTTP on loopback)', () => {
  const token = UTF8.token
  let http: HttpServer
  let url: string
  const handled: ViberCallbackEnvelope[] = []

  beforeAll(async () => {
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      surfaces: [
        viberWebhook({
          path: '/viber/webhook',
          authToken: token,
          handle: (callback) => {
            handled.push(callback)
            return Promise.resolve(callback.event === 'conversation_started' ? { type: 'text', text: 'hello' } : null)
          },
        }),
      ],
      onError: () => undefined,
    })
    url = `${http.origin}/viber/webhook`
  })
  afterAll(async () => {
    await http.close()
  })

  it('when a callback is signed correctly, then it is handled with its 19-digit message token exact', async () => {
    handled.length = 0
    const answer = await postSigned(url, UTF8.body, token)
    expect(answer.status).toBe(200)
    expect(handled).toHaveLength(1)
    expect(handled[0]?.message_token).toBe('5741311803571721087')
  })

  it('when a token near 5.0e18 arrives, then it is kept as the exact string', async () => {
    handled.length = 0
    const body =
      '{"event":"message","timestamp":1,"message_token":5000000000000000123,"sender":{"id":"a"},"message":{"type":"text","text":"x"}}'
    await postSigned(url, body, token)
    expect(handled[0]?.message_token).toBe('5000000000000000123')
    expect(Number.isSafeInteger((JSON.parse(body) as { message_token: number }).message_token)).toBe(false)
  })

  it.each([
    ['missing', null],
    ['wrong', signatureOf(UTF8.body, 'another-token-123')],
    ['malformed', 'not-hex'],
  ])('when the signature is %s, then the answer is 403 and nothing is handled', async (_name, signature) => {
    handled.length = 0
    const answer = await postSigned(url, UTF8.body, token, { signature })
    expect(answer.status).toBe(403)
    expect(handled).toEqual([])
  })

  it('when the body changed by one byte after signing, then the answer is 403 and nothing is handled', async () => {
    handled.length = 0
    const signature = signatureOf(UTF8.body, token)
    const answer = await postSigned(url, UTF8.body.replace('Яма', 'Ямы'), token, { signature })
    expect(answer.status).toBe(403)
    expect(handled).toEqual([])
  })

  it('when the signature comes as ?sig= instead of the header, then it is accepted', async () => {
    handled.length = 0
    const response = await fetch(`${url}?sig=${signatureOf(UTF8.body, token)}`, { method: 'POST', body: UTF8.body })
    expect(response.status).toBe(200)
    expect(handled).toHaveLength(1)
  })

  it("when Viber checks the URL with the 'webhook' event, then it gets 200 and the handler is not bothered", async () => {
    handled.length = 0
    const answer = await postSigned(url, OFFICIAL.body, token, { signature: signatureOf(OFFICIAL.body, token) })
    expect(answer.status).toBe(200)
    expect(handled).toEqual([])
  })

  it("when the handler has an answer (the welcome), then it is the response's body", async () => {
    const body = '{"event":"conversation_started","timestamp":1,"message_token":4912661846655238145,"user":{"id":"u1"}}'
    const answer = await postSigned(url, body, token)
    expect(JSON.parse(answer.body)).toEqual({ type: 'text', text: 'hello' })
  })

  it('when a signed body is not JSON, then the answer is 400', async () => {
    expect((await postSigned(url, '{not json', token)).status).toBe(400)
  })
})
