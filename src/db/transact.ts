import type { Kysely, Transaction } from 'kysely'
import type { Transact } from '../core/shared/ports.js'
import type { Database } from './schema.js'

/** The core's `transact` port over Kysely: stores are bound to one transaction, committed when work resolves. */
export function createTransact<Store>(
  db: Kysely<Database>,
  storeFor: (trx: Transaction<Database>) => Store,
): Transact<Store> {
  return (work) => db.transaction().execute((trx) => work(storeFor(trx)))
}
