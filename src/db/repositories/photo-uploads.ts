import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'

/** Uploads of drafts never sent are dropped after this long (a draft itself lives a day after the last message). */
const KEEP_UPLOADS_DAYS = 7

export interface StoredPhoto {
  content: Buffer
  mimeType: string
}

/** Keeps a resident's photo until their draft is sent; returns the upload's id. Drops stale uploads on the way. */
export async function storePhotoUpload(
  db: Kysely<Database>,
  upload: { userId: number; content: Buffer; mimeType: string },
): Promise<number> {
  const row = await db
    .insertInto('photo_uploads')
    .values({
      user_id: upload.userId,
      content: upload.content,
      mime_type: upload.mimeType,
      size_bytes: upload.content.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .deleteFrom('photo_uploads')
    .where('created_at', '<', new Date(Date.now() - KEEP_UPLOADS_DAYS * 24 * 3600 * 1000))
    .execute()
  return row.id
}

/** A user's own uploads by id (another user's ids find nothing). */
export async function loadPhotoUploads(
  db: Kysely<Database>,
  userId: number,
  ids: number[],
): Promise<Map<number, StoredPhoto>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('photo_uploads')
    .select(['id', 'content', 'mime_type'])
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, { content: r.content, mimeType: r.mime_type }]))
}

/** Uploads whose bytes now belong to a request: no second copy is kept. */
export async function deletePhotoUploads(db: Kysely<Database>, userId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('photo_uploads').where('user_id', '=', userId).where('id', 'in', ids).execute()
}

/** The bytes of a request photo we keep ourselves; null for one kept as a Telegram file id. */
export async function requestPhotoContent(db: Kysely<Database>, photoId: number): Promise<StoredPhoto | null> {
  const row = await db
    .selectFrom('request_photos')
    .select(['content', 'mime_type'])
    .where('id', '=', photoId)
    .executeTakeFirst()
  return row?.content ? { content: row.content, mimeType: row.mime_type } : null
}
