import { randomBytes } from 'node:crypto'
import type { FakeViber, ReceivedMessage, ViberButtonView } from './server.js'
import { bigToken } from './signed-post.js'

export interface ViberUserOptions {
  id?: string
  name?: string
  language?: string
}

const DEFAULT_WAIT_MS = 10_000

// Recognisable bytes with a JPEG start, for pictures a test does not care to supply.
const placeholderJpeg = (label: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(label)])

/**
 * A person in Viber: opens the chat, writes, taps keyboard buttons (a tap is a text message with
 * the button's ActionBody), sends pictures, locations and their phone; reads what the bot sent.
 */
export class ViberUser {
  readonly id: string
  readonly name: string
  readonly language: string
  /** Messages before this index were there before the last action. */
  private cursor = 0

  constructor(
    private readonly fake: FakeViber,
    options: ViberUserOptions,
    private readonly inboxes: Map<string, ReceivedMessage[]>,
  ) {
    // Viber ids are base64-like, with = + / in them.
    this.id = options.id ?? `${randomBytes(12).toString('base64')}==`
    this.name = options.name ?? 'Житель'
    this.language = options.language ?? 'ru'
  }

  private get profile() {
    return { id: this.id, name: this.name, language: this.language, country: 'BY', api_version: 10 }
  }

  messages(): ReceivedMessage[] {
    return [...(this.inboxes.get(this.id) ?? [])]
  }

  /** The keyboard the chat shows: the latest one sent. */
  keyboard(): ViberButtonView[] {
    return [...this.messages()].reverse().find((m) => m.keyboard !== undefined)?.keyboard?.Buttons ?? []
  }

  /** Opens the chat (a deep link's context optional): the welcome comes back in the callback's answer. */
  async open(context?: string): Promise<{ status: number; welcome: ReceivedMessage | null }> {
    this.cursor = this.messages().length
    const answer = await this.fake.post({
      event: 'conversation_started',
      timestamp: Date.now(),
      message_token: bigToken(),
      type: 'open',
      ...(context !== undefined && { context }),
      user: this.profile,
      subscribed: this.fake.subscribed.has(this.id),
    })
    const body = answer.body === '' ? {} : (JSON.parse(answer.body) as Partial<ReceivedMessage>)
    if (answer.status !== 200 || typeof body.type !== 'string') return { status: answer.status, welcome: null }
    const welcome = { ...(body as ReceivedMessage), via: 'welcome' as const }
    this.fake.deliver(this.id, welcome)
    return { status: answer.status, welcome }
  }

  /** Sends a message callback; writing subscribes the person (Viber's implicit subscription). */
  async send(message: Record<string, unknown>, token = bigToken()): Promise<{ status: number; token: string }> {
    this.fake.subscribed.add(this.id)
    this.cursor = this.messages().length
    const answer = await this.fake.post({
      event: 'message',
      timestamp: Date.now(),
      message_token: token,
      sender: this.profile,
      message,
      silent: false,
    })
    if (answer.status !== 200) throw new Error(`the webhook answered ${answer.status}: ${answer.body}`)
    return { status: answer.status, token }
  }

  sendText(text: string) {
    return this.send({ type: 'text', text })
  }

  /** Taps the button of the current keyboard whose ActionBody or text is `button`. */
  press(button: string) {
    const found = this.keyboard().find(
      (b) => (b.ActionType ?? 'reply') === 'reply' && (b.ActionBody === button || b.Text === button),
    )
    if (!found) {
      const offered = this.keyboard().map((b) => b.ActionBody)
      throw new Error(`no button "${button}" on the keyboard of ${this.id}; buttons: ${offered.join(', ') || 'none'}`)
    }
    return this.sendText(found.ActionBody)
  }

  sendPicture(options: { bytes?: Buffer; contentType?: string } = {}) {
    const bytes = options.bytes ?? placeholderJpeg(`picture from ${this.id} ${randomBytes(4).toString('hex')}`)
    const media = this.fake.hostMedia(bytes, options.contentType ?? 'image/jpeg')
    return this.send({ type: 'picture', text: '', media, size: bytes.length, file_name: 'photo.jpg' })
  }

  sendLocation(lat: number, lon: number) {
    return this.send({ type: 'location', location: { lat, lon } })
  }

  /** The share-phone button's answer: a contact message with the person's own number. */
  sendContact(phoneNumber: string) {
    return this.send({ type: 'contact', contact: { name: this.name, phone_number: phoneNumber } })
  }

  async subscribe() {
    this.fake.subscribed.add(this.id)
    return this.fake.post({ event: 'subscribed', timestamp: Date.now(), message_token: bigToken(), user: this.profile })
  }

  async unsubscribe() {
    this.fake.subscribed.delete(this.id)
    return this.fake.post({ event: 'unsubscribed', timestamp: Date.now(), message_token: bigToken(), user_id: this.id })
  }

  /** Resolves once everything this person got so far satisfies `check` (for counting replies). */
  async waitForInbox(
    check: (all: ReceivedMessage[]) => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<ReceivedMessage[]> {
    const saved = this.cursor
    this.cursor = 0
    try {
      await this.waitForMessage(() => check(this.messages()), timeoutMs)
      return this.messages()
    } finally {
      this.cursor = saved
    }
  }

  /** Resolves with the first message since the last action that matches. */
  waitForMessage(match: (m: ReceivedMessage) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<ReceivedMessage> {
    const from = this.cursor
    const find = () => this.messages().slice(from).find(match)
    return new Promise((resolve, reject) => {
      const check = (receiver?: string) => {
        if (receiver !== undefined && receiver !== this.id) return
        const found = find()
        if (!found) return
        cleanup()
        resolve(found)
      }
      const timer = setTimeout(() => {
        cleanup()
        const seen = this.messages()
          .slice(from)
          .map((m) => (m.text ?? m.media ?? m.type).slice(0, 80))
        reject(new Error(`${this.id} got no matching message; since the last action: ${JSON.stringify(seen)}`))
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        this.fake.events.off('message', check)
      }
      this.fake.events.on('message', check)
      check()
    })
  }
}
