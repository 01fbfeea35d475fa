/**
 * Offline verifier, for anyone holding a copy of the store:
 *
 *   node sfu-server/src/audit/verify-cli.ts [--data-dir ./data] [--result result.json]
 *
 * Re-walks the audit hash chain and reports the first broken link; with
 * --result, also checks a signed result (GET /api/polls/:id/result) against
 * its signature and confirms its audit entry is in the chain. Exit code 0
 * when everything verifies, 1 otherwise.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignedPollResult } from '#protocol/voting.ts';
import { verifyCanonical } from '../identity/signatures.ts';
import { openSqlite } from '../store/database.ts';
import { AuditLog } from './audit-log.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' }, result: { type: 'string' } } });
const db = openSqlite(join(resolve(values['data-dir']), 'dien-hong.sqlite'));
const audit = new AuditLog(db);
let ok = true;

const verdict = await audit.verify();
if (verdict.ok) {
  console.log(`audit chain OK: ${verdict.entries} entries, head ${verdict.head}`);
} else {
  ok = false;
  console.log(`audit chain BROKEN at entry ${verdict.firstBrokenSeq} (${verdict.reason}); ${verdict.entries} entries read`);
}

if (values.result) {
  const signed = SignedPollResult.parse(JSON.parse(await readFile(values.result, 'utf8')));
  const signatureOk = verifyCanonical(signed.publicKey, signed.result, signed.signature);
  const recorded = (await audit.entries(signed.result.meetingId)).some((entry) => entry.hash === signed.result.auditHash);
  console.log(`result signature ${signatureOk ? 'OK' : 'INVALID'}; its audit entry is ${recorded ? '' : 'NOT '}in the chain`);
  ok &&= signatureOk && recorded;
}

await db.destroy();
process.exit(ok ? 0 : 1);
