import { randomBytes } from 'node:crypto'
import type { PhotoSize } from 'grammy/types'

export type FileType = 'photo' | 'document' | 'sticker' | 'voice' | 'video'

export interface StoredFile {
  type: FileType
  fileId: string
  fileUniqueId: string
  filePath: string
  fileSize: number
  bytes: Buffer
  fileName?: string
  mimeType?: string
  /** For photos: every size Telegram made of the same picture, so a reused file_id returns them all. */
  sizes?: PhotoSize[]
}

const FOLDERS: Record<FileType, string> = {
  photo: 'photos',
  document: 'documents',
  sticker: 'stickers',
  voice: 'voice',
  video: 'videos',
}

/** Bot API refuses getFile for anything bigger; tests of large documents rely on that. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
  txt: 'text/plain',
  mp4: 'video/mp4',
  ogg: 'audio/ogg',
  webp: 'image/webp',
}

export const extensionOf = (name: string): string => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? 'dat'
export const mimeTypeOf = (name: string): string => MIME_TYPES[extensionOf(name)] ?? 'application/octet-stream'

export interface RegisterOptions {
  extension?: string
  fileSize?: number
  fileName?: string
  mimeType?: string
}

export class FileStore {
  private readonly byId = new Map<string, StoredFile>()
  private readonly byPath = new Map<string, StoredFile>()
  private counter = 0

  register(type: FileType, bytes: Buffer, options: RegisterOptions = {}): StoredFile {
    this.counter += 1
    const serial = this.counter.toString(36).padStart(5, '0')
    const file: StoredFile = {
      type,
      // Real ids are opaque and long; the random tail keeps tests from guessing them.
      fileId: `AgAC${type.slice(0, 2).toUpperCase()}${serial}${randomBytes(12).toString('base64url')}`,
      fileUniqueId: `AQAD${serial}${randomBytes(3).toString('hex')}`,
      filePath: `${FOLDERS[type]}/file_${this.counter}.${options.extension ?? 'dat'}`,
      fileSize: options.fileSize ?? bytes.length,
      bytes,
    }
    if (options.fileName !== undefined) file.fileName = options.fileName
    if (options.mimeType !== undefined) file.mimeType = options.mimeType
    this.byId.set(file.fileId, file)
    this.byPath.set(file.filePath, file)
    return file
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId)
  }

  atPath(filePath: string): StoredFile | undefined {
    return this.byPath.get(filePath)
  }

  /** Registers a photo the way Telegram stores one: a few scaled copies, the largest last. */
  registerPhoto(bytes: Buffer, size: { width: number; height: number; fileSize?: number }): PhotoSize[] {
    const longest = Math.max(size.width, size.height, 1)
    const full = Math.min(longest, 2560)
    const sides = [...[90, 320, 800, 1280].filter((side) => side < full), full]
    const fileSize = size.fileSize ?? bytes.length
    const sizes = sides.map((side) => {
      const scale = side / longest
      const stored = this.register('photo', bytes, {
        extension: 'jpg',
        fileSize: side === full ? fileSize : Math.max(1, Math.round(fileSize * scale * scale)),
      })
      return {
        file_id: stored.fileId,
        file_unique_id: stored.fileUniqueId,
        width: Math.max(1, Math.round(size.width * scale)),
        height: Math.max(1, Math.round(size.height * scale)),
        file_size: stored.fileSize,
      }
    })
    for (const photo of sizes) {
      const stored = this.byId.get(photo.file_id)
      if (stored) stored.sizes = sizes
    }
    return sizes
  }
}

/** Reads the pixel size of PNG and JPEG uploads, so bot-sent photos carry plausible dimensions. */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined
  let offset = 2
  while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1] ?? 0
    const length = bytes.readUInt16BE(offset + 2)
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
    if (isFrame) return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) }
    offset += 2 + length
  }
  return undefined
}
