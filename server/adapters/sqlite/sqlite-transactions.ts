import type { Transactions } from '../../app/ports/transactions.port.ts';
import { inResultTransaction, inTransaction, type Db } from './database.ts';

/** The Transactions port on one SQLite connection (IMMEDIATE transactions). */
export function sqliteTransactions(db: Db): Transactions {
  return { run: (fn) => inTransaction(db, fn), runResult: (fn) => inResultTransaction(db, fn) };
}
