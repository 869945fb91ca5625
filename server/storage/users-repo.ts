/** Users, sessions, tokens and settings rows. Callers write the audit row in the same transaction. */
import type { Db } from './storage.ts';
import type { SessionsTable, TokensTable, UsersTable } from './schema.ts';

export type UserRow = UsersTable;
export type TokenRow = TokensTable;

export const findUserById = (db: Db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const findUserByName = (db: Db, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
export const listUsers = (db: Db) => db.selectFrom('users').selectAll().orderBy('username').execute();
export const countUsers = async (db: Db): Promise<number> =>
  Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);

export async function insertUser(db: Db, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}
export async function updateUser(db: Db, id: string, patch: Partial<UserRow>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** A session row as stored (the table's own type: sessions have no generated columns). */
export type SessionRecord = SessionsTable;
export async function insertSession(db: Db, row: SessionRecord): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}
export const findSession = (db: Db, id: string) => db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertToken(db: Db, row: TokenRow): Promise<void> {
  await db.insertInto('tokens').values(row).execute();
}
export const findTokenByHash = (db: Db, hash: string) => db.selectFrom('tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
export const findToken = (db: Db, id: string) => db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
export const listTokens = (db: Db) => db.selectFrom('tokens').selectAll().orderBy('created_at').execute();
export async function revokeToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function readSetting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) : undefined;
}
export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  const v = JSON.stringify(value);
  await db.insertInto('settings').values({ key, value: v }).onConflict((oc) => oc.column('key').doUpdateSet({ value: v })).execute();
}
