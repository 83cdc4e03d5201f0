import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { EscalationStore, OverdueRequest } from '../../../core/delivery/escalations.js'
import type { Deadline, EscalationLevel } from '../../../core/requests/escalation.js'
import { escalationLevel } from '../../../core/requests/escalation.js'
import { AWAITING_ACCEPTANCE_STATUSES, FIX_CLOCK_STOPPED_STATUSES } from '../../../core/requests/status.js'
import type { Database } from '../../schema.js'

/**
 * Requests whose deadline still runs (core's status groups) and has passed, earliest due first; the
 * level is the core's rule. `not in` on the fix side keeps requests_open_fix_due usable.
 */
export async function overdue(db: Kysely<Database>, now: Date): Promise<OverdueRequest[]> {
  const accept = db
    .selectFrom('requests')
    .select(['id', 'district_id', 'created_at', 'accept_due_at as due_at', sql<Deadline>`'accept'`.as('deadline')])
    .where('status', 'in', AWAITING_ACCEPTANCE_STATUSES)
    .where('accept_due_at', '<=', now)
  const fix = db
    .selectFrom('requests')
    .select(['id', 'district_id', 'created_at', 'fix_due_at as due_at', sql<Deadline>`'fix'`.as('deadline')])
    .where('status', 'not in', FIX_CLOCK_STOPPED_STATUSES)
    .where('fix_due_at', '<=', now)
  const rows = await accept.unionAll(fix).orderBy('due_at').limit(500).execute()
  return rows.flatMap((r) => {
    const level = escalationLevel({ deadline: r.deadline, dueAt: r.due_at, createdAt: r.created_at }, now)
    return level === null
      ? []
      : [{ requestId: r.id, deadline: r.deadline, dueAt: r.due_at, level, districtId: r.district_id }]
  })
}

/** Records an escalation once (a unique index on the event's data); false if it was recorded before. */
export async function recordEscalation(
  db: Kysely<Database>,
  requestId: number,
  deadline: Deadline,
  level: EscalationLevel,
): Promise<boolean> {
  const { rows } = await sql<{ id: number }>`
    insert into request_events (request_id, kind, data)
    values (${requestId}, 'escalated', ${JSON.stringify({ deadline, level: String(level) })}::jsonb)
    on conflict do nothing returning id`.execute(db)
  return rows.length > 0
}

export function createEscalationStore(db: Kysely<Database>): EscalationStore {
  return {
    overdue: (now) => overdue(db, now),
    recordEscalation: (requestId, deadline, level) => recordEscalation(db, requestId, deadline, level),
  }
}
