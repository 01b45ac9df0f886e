/**
 * Identity evidence (an ID photo and a selfie on account_frozen and reset_2fa tickets) and the
 * retention of uploaded files.
 *
 * Protects: the most sensitive data the desk holds. Invariants: evidence is sealed with AES-256-GCM
 * under the `evidence` subkey of the server key before it touches the disk, bound to its ticket and
 * file id (a sealed file copied elsewhere does not open); only staff routes open it, never the
 * ticket's access token or the requester's session; it is deleted `support.evidenceRetentionDays`
 * after its ticket is resolved or closed, and every file of a ticket that was never confirmed is
 * deleted as soon as the ticket closes, each deletion with its audit row.
 */
import type { Deps } from '../deps.js';
import { openSecret, sealSecret } from '../platform/secret-box.js';
import { SYSTEM_ACTOR, withAudit } from '../staff/audit.js';
import { deleteStoredFile, readStoredFile } from './file-store.js';
import { listFilesDueForDeletion, markTicketFileDeleted } from './store.js';

export type FileKind = 'attachment' | 'id_photo' | 'selfie';

export function isEvidence(kind: string): boolean {
  return kind === 'id_photo' || kind === 'selfie';
}

function boundTo(ticketId: string, fileId: string): string {
  return `ticket-evidence:${ticketId}:${fileId}`;
}

export function sealEvidence(key: Buffer, bytes: Buffer, ticketId: string, fileId: string): string {
  return sealSecret(key, bytes, boundTo(ticketId, fileId));
}

/** The bytes of a stored file, opened when sealed. */
export async function readTicketFileBytes(
  deps: Pick<Deps, 'config' | 'keys'>,
  file: { ticket_id: string; id: string; storage_name: string; sealed: number },
): Promise<Buffer> {
  const content = await readStoredFile(deps.config.dataDir, file.storage_name);
  return file.sealed === 1 ? openSecret(deps.keys.evidence, content.toString('utf8'), boundTo(file.ticket_id, file.id)) : content;
}

class AlreadyDeleted extends Error {}

/**
 * Deletes the files retention says must go (see listFilesDueForDeletion). The file goes first, then
 * its row is marked together with the audit row: a crash in between leaves a row the next sweep
 * finishes, never a file no row points to. Returns the ids deleted.
 */
export async function deleteExpiredTicketFiles(deps: Pick<Deps, 'db' | 'clock' | 'newId' | 'config'>, limit = 200): Promise<string[]> {
  const now = deps.clock.nowMs();
  const cutoff = now - deps.config.support.evidenceRetentionDays * 86_400_000;
  const deleted: string[] = [];
  for (const file of await listFilesDueForDeletion(deps.db, cutoff, limit)) {
    await deleteStoredFile(deps.config.dataDir, file.storage_name);
    const action = isEvidence(file.kind) ? 'ticket.evidence.delete' : 'ticket.attachment.delete';
    try {
      await withAudit(deps, SYSTEM_ACTOR, action, async (trx, record) => {
        if (!(await markTicketFileDeleted(trx, file.id, now))) throw new AlreadyDeleted();
        record.target = file.ticket_id;
        record.accountId = file.account_id;
        record.detail = {
          fileId: file.id,
          kind: file.kind,
          closedAt: file.closed_at === null ? null : new Date(file.closed_at).toISOString(),
          retentionDays: deps.config.support.evidenceRetentionDays,
        };
      });
      deleted.push(file.id);
    } catch (err) {
      if (!(err instanceof AlreadyDeleted)) throw err;
    }
  }
  return deleted;
}
