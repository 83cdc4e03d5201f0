import type { Kysely } from 'kysely'
import type { NoticeArea } from '../../core/notices/notice.js'
import type { NoticeAreaWords } from '../../core/notices/notice-message.js'
import type { Database } from '../schema.js'

/** A notice's area with the places' names; null when a place named in it is no longer there. */
export async function noticeAreaWords(db: Kysely<Database>, area: NoticeArea): Promise<NoticeAreaWords | null> {
  if (area.scope === 'region') return area
  if (area.scope === 'districts') {
    if (area.districtIds.length === 0) return null
    const rows = await db.selectFrom('districts').select(['id', 'name']).where('id', 'in', area.districtIds).execute()
    const names = area.districtIds.flatMap((id) => rows.filter((r) => r.id === id).map((r) => r.name))
    return names.length === area.districtIds.length ? { scope: 'districts', districts: names } : null
  }
  const settlement = await db
    .selectFrom('settlements')
    .select('name')
    .where('id', '=', area.settlementId)
    .executeTakeFirst()
  return settlement ? { scope: 'settlement', settlement: settlement.name, streets: area.streets } : null
}
