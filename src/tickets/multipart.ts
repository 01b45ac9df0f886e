/**
 * Reading a ticket upload (multipart/form-data, or JSON without files) into plain fields and
 * checked images, before anything is stored.
 *
 * Protects: the server and the desk from hostile uploads. Invariants: every image is held in memory
 * only up to its limit and typed from its bytes (image-sniff.ts); a file that is not a PNG, JPEG,
 * WebP or GIF, a file over the size limit, one file too many, an unknown or repeated field, or a
 * malformed body ends the request with a catalog code (4010 / 4020) before a single byte or row is
 * written; at most `maxConcurrentUploads` uploads are read at once per process (1003 overloaded
 * beyond), so memory stays bounded however many clients upload.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import type { Config } from '../config.js';
import { AppError } from '../errors/app-error.js';
import { sniffImageType, type ImageType } from './image-sniff.js';

export type ImageField = 'attachments' | 'idPhoto' | 'selfie';

export interface IncomingImage {
  field: ImageField;
  type: ImageType;
  bytes: Buffer;
}

export interface UploadInput {
  fields: Record<string, string>;
  images: IncomingImage[];
}

const IMAGE_FIELDS: readonly ImageField[] = ['attachments', 'idPhoto', 'selfie'];
const MAX_FIELD_BYTES = 20_000;

function invalid(field: string, problem: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: { fields: { [field]: problem } } });
}

function tooLarge(details: Record<string, unknown>): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', { details });
}

/** The biggest body an upload can legitimately have: every file at its limit, plus the text fields. */
export function maxUploadBytes(support: Config['support']): number {
  return (support.maxAttachments + 2) * support.maxFileBytes + 256 * 1024;
}

/** One slot per upload being read; the caller releases it when the request is done with the images. */
export class UploadGate {
  private active = 0;
  constructor(private readonly max: number) {}
  tryEnter(): boolean {
    if (this.active >= this.max) return false;
    this.active++;
    return true;
  }
  leave(): void {
    this.active = Math.max(0, this.active - 1);
  }
}

/**
 * onRequest hook for upload routes: a body declared bigger than any valid upload is refused before it
 * is read, and the connection is closed after the answer (the client may still be sending).
 */
export function refuseOversizedUpload(support: Config['support']) {
  const limit = maxUploadBytes(support);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reply.header('connection', 'close');
      throw tooLarge({ maxBytes: limit });
    }
  };
}

function checkText(name: string, value: string): void {
  if (value.includes('\u0000')) throw invalid(name, 'NUL character');
  if (!value.isWellFormed()) throw invalid(name, 'string with an unpaired surrogate');
}

/** Maps what the multipart parser throws to the catalog: limits are 4020, anything malformed 4010. */
function toCatalogError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge({ reason: 'a file is over the size limit' });
  if (e.code === 'FST_FILES_LIMIT') return tooLarge({ reason: 'too many files' });
  if (e.code === 'FST_PARTS_LIMIT' || e.code === 'FST_FIELDS_LIMIT' || e.statusCode === 413) return tooLarge({ reason: 'too many parts' });
  if (e.code === 'FST_PROTO_VIOLATION') return invalid('body', 'forbidden field name');
  return invalid('body', 'malformed multipart body');
}

export interface ReadLimits {
  maxAttachments: number;
  maxFileBytes: number;
  /** Text fields this route takes; anything else is refused. */
  textFields: readonly string[];
}

/**
 * Reads the request's fields and images. JSON bodies give fields only (every value must be a string).
 * Throws the catalog error; on any failure the connection is marked to close, since the rest of the
 * body is left unread.
 */
export async function readUpload(request: FastifyRequest, reply: FastifyReply, limits: ReadLimits): Promise<UploadInput> {
  if (!request.isMultipart()) return fromJson(request.body, limits.textFields);
  try {
    return await fromMultipart(request, limits);
  } catch (err) {
    reply.header('connection', 'close');
    throw toCatalogError(err);
  }
}

function fromJson(body: unknown, textFields: readonly string[]): UploadInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid('body', 'expected multipart/form-data or a JSON object');
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (!textFields.includes(name)) throw invalid(name, 'unknown field');
    if (typeof value !== 'string') throw invalid(name, 'must be a string');
    fields[name] = value;
  }
  return { fields, images: [] };
}

async function fromMultipart(request: FastifyRequest, limits: ReadLimits): Promise<UploadInput> {
  const fields: Record<string, string> = {};
  const images: IncomingImage[] = [];
  const counts: Record<ImageField, number> = { attachments: 0, idPhoto: 0, selfie: 0 };
  const parts = request.parts({
    limits: {
      fieldNameSize: 64,
      fieldSize: MAX_FIELD_BYTES,
      fields: limits.textFields.length + 2,
      fileSize: limits.maxFileBytes,
      // One more than can be valid, so that the extra file is seen and refused by name below.
      files: limits.maxAttachments + 3,
      parts: limits.textFields.length + limits.maxAttachments + 6,
      headerPairs: 100,
    },
  });
  for await (const part of parts) {
    if (part.type === 'field') {
      if (!limits.textFields.includes(part.fieldname)) throw invalid(part.fieldname.slice(0, 64), 'unknown field');
      if (Object.hasOwn(fields, part.fieldname)) throw invalid(part.fieldname, 'given more than once');
      if (part.valueTruncated) throw invalid(part.fieldname, 'too long');
      if (typeof part.value !== 'string') throw invalid(part.fieldname, 'must be text');
      checkText(part.fieldname, part.value);
      fields[part.fieldname] = part.value;
      continue;
    }
    const field = part.fieldname as ImageField;
    if (!IMAGE_FIELDS.includes(field)) throw invalid(part.fieldname.slice(0, 64), 'unknown file field');
    const bytes = await part.toBuffer();
    // A browser sends an empty part for a file input left empty.
    if (bytes.length === 0 && !part.filename) continue;
    counts[field]++;
    const max = field === 'attachments' ? limits.maxAttachments : 1;
    if (counts[field] > max) throw tooLarge({ field, maxFiles: max });
    const type = sniffImageType(bytes);
    if (!type) throw invalid(field, 'not a PNG, JPEG, WebP or GIF image');
    images.push({ field, type, bytes });
  }
  return { fields, images };
}
