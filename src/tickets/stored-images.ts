/**
 * Turning checked images into stored files: bytes to disk first (evidence sealed), rows after, in
 * the caller's transaction; if that transaction fails, the files just written are removed again, so
 * a refused or failed request leaves neither a row nor a file behind.
 */
import type { Deps } from '../deps.js';
import { deleteStoredFile, newStorageName, writeStoredFile } from './file-store.js';
import { sealEvidence, type FileKind } from './evidence.js';
import type { IncomingImage } from './multipart.js';
import type { NewTicketFile } from './store.js';

const KIND_OF_FIELD: Record<IncomingImage['field'], FileKind> = { attachments: 'attachment', idPhoto: 'id_photo', selfie: 'selfie' };

type ImageDeps = Pick<Deps, 'config' | 'keys' | 'random' | 'newId' | 'clock'>;

/** Writes the images for one message; returns the rows to insert. */
export async function writeImages(deps: ImageDeps, ticketId: string, messageId: string, images: IncomingImage[]): Promise<NewTicketFile[]> {
  const files: NewTicketFile[] = [];
  try {
    for (const image of images) {
      const kind = KIND_OF_FIELD[image.field];
      const id = deps.newId();
      const storageName = newStorageName(deps.random);
      const sealed = kind !== 'attachment';
      const content = sealed ? sealEvidence(deps.keys.evidence, image.bytes, ticketId, id) : image.bytes;
      await writeStoredFile(deps.config.dataDir, storageName, content);
      files.push({ id, ticketId, messageId, kind, mediaType: image.type, sizeBytes: image.bytes.length, storageName, sealed, atMs: deps.clock.nowMs() });
    }
  } catch (err) {
    await removeImages(deps, files);
    throw err;
  }
  return files;
}

export async function removeImages(deps: Pick<Deps, 'config'>, files: NewTicketFile[]): Promise<void> {
  await Promise.all(files.map((f) => deleteStoredFile(deps.config.dataDir, f.storageName).catch(() => undefined)));
}

/** Runs `commit` (which inserts the rows); on failure removes the files and rethrows. */
export async function commitWithImages<T>(deps: Pick<Deps, 'config'>, files: NewTicketFile[], commit: () => Promise<T>): Promise<T> {
  try {
    return await commit();
  } catch (err) {
    await removeImages(deps, files);
    throw err;
  }
}
