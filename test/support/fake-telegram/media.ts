import type { Document, PhotoSize, Video } from 'grammy/types'
import type { MethodContext } from './core.js'
import type { FileType, StoredFile } from './files.js'
import { extensionOf, imageSize, mimeTypeOf } from './files.js'
import type { UploadedFile } from './types.js'
import { badRequest } from './types.js'

type Source = { kind: 'upload'; upload: UploadedFile } | { kind: 'stored'; stored: StoredFile }

const capitalized = (type: FileType) => type.charAt(0).toUpperCase() + type.slice(1)

/**
 * Finds the file a send method refers to: an upload (attach://name or a part named like the field),
 * a file_id the fake issued, or a URL. URLs are not fetched; they stand for a placeholder file.
 */
function sourceOf({ core, files }: MethodContext, field: string, value: unknown, type: FileType): Source {
  if (typeof value !== 'string' || value === '') {
    const direct = files.get(field)
    if (direct) return checked(direct)
    throw badRequest(`there is no ${field} in the request`)
  }
  if (value.startsWith('attach://')) {
    const upload = files.get(value.slice('attach://'.length))
    if (!upload) throw badRequest(`wrong HTTP URL specified: no file part for ${value}`)
    return checked(upload)
  }
  if (/^https?:\/\//i.test(value)) {
    const filename = new URL(value).pathname.split('/').at(-1) ?? 'file'
    return { kind: 'upload', upload: { field, filename, contentType: '', bytes: Buffer.from(value) } }
  }
  const stored = core.state.files.get(value)
  if (!stored) throw badRequest('wrong file identifier/HTTP URL specified')
  if (stored.type !== type)
    throw badRequest(`can't use file of type ${capitalized(stored.type)} as ${capitalized(type)}`)
  return { kind: 'stored', stored }
}

function checked(upload: UploadedFile): Source {
  if (upload.bytes.length === 0) throw badRequest('file must be non-empty')
  return { kind: 'upload', upload }
}

export function photoOf(context: MethodContext, field: string, value: unknown): PhotoSize[] {
  const source = sourceOf(context, field, value, 'photo')
  if (source.kind === 'stored') {
    const { stored } = source
    return stored.sizes ?? [{ file_id: stored.fileId, file_unique_id: stored.fileUniqueId, width: 800, height: 600 }]
  }
  const size = imageSize(source.upload.bytes) ?? { width: 800, height: 600 }
  return context.core.state.files.registerPhoto(source.upload.bytes, size)
}

export function documentOf(context: MethodContext, field: string, value: unknown): Document {
  const source = sourceOf(context, field, value, 'document')
  const stored =
    source.kind === 'stored'
      ? source.stored
      : context.core.state.files.register('document', source.upload.bytes, {
          extension: extensionOf(source.upload.filename),
          fileName: source.upload.filename,
          mimeType: mimeTypeOf(source.upload.filename),
        })
  const document: Document = { file_id: stored.fileId, file_unique_id: stored.fileUniqueId, file_size: stored.fileSize }
  if (stored.fileName !== undefined) document.file_name = stored.fileName
  if (stored.mimeType !== undefined) document.mime_type = stored.mimeType
  return document
}

export function videoOf(context: MethodContext, field: string, value: unknown): Video {
  const source = sourceOf(context, field, value, 'video')
  const stored =
    source.kind === 'stored'
      ? source.stored
      : context.core.state.files.register('video', source.upload.bytes, { extension: 'mp4', mimeType: 'video/mp4' })
  return {
    file_id: stored.fileId,
    file_unique_id: stored.fileUniqueId,
    width: 1280,
    height: 720,
    duration: 1,
    mime_type: 'video/mp4',
    file_size: stored.fileSize,
  }
}
