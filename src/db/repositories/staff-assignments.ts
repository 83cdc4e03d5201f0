import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import type { AssignmentsStore } from '../../core/requests/list-assignments.js'
import type { RequestStatus } from '../../core/requests/status.js'
import type { Database } from '../schema.js'

export function createAssignmentsStore(db: Kysely<Database>): AssignmentsStore {
  return {
    assignedTo: async (userId, statuses, limit) => {
      const rows = await db
        .selectFrom('requests as r')
        .innerJoin('categories as c', 'c.id', 'r.category_id')
        .select([
          'r.id',
          'r.number',
          'r.status',
          'r.address_text',
          'r.description',
          'r.fix_due_at',
          'r.priority',
          'c.name as category_name',
        ])
        .where('r.executor_user_id', '=', userId)
        .where('r.status', 'in', [...statuses])
        .orderBy(sql`r.priority = 'emergency'`, 'desc')
        .orderBy('r.fix_due_at')
        .limit(limit)
        .execute()
      return rows.map((row) => ({
        requestId: row.id,
        number: row.number,
        status: row.status as RequestStatus,
        category: row.category_name,
        addressText: row.address_text,
        description: row.description,
        fixDueAt: row.fix_due_at.toISOString(),
        emergency: row.priority === 'emergency',
      }))
    },
  }
}

export async function requestNumberOf(db: Kysely<Database>, requestId: number): Promise<string | null> {
  const row = await db.selectFrom('requests').select('number').where('id', '=', requestId).executeTakeFirst()
  return row?.number ?? null
}
