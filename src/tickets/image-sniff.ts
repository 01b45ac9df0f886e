/**
 * Which image a file is, from its bytes alone: PNG, JPEG, WebP or GIF, nothing else.
 *
 * Protects: the support desk and its staff from uploads that are not images (scripts, HTML, SVG,
 * executables renamed *.png). Invariant: the client's file name and Content-Type are never consulted;
 * the stored and served media type is the one found here. A file that starts like an image but holds
 * something else behind it stays harmless: it is only ever served as that image type, with `nosniff`
 * and as a download.
 */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ascii(bytes: Buffer, start: number, text: string): boolean {
  return bytes.length >= start + text.length && bytes.toString('latin1', start, start + text.length) === text;
}

export function sniffImageType(bytes: Buffer): ImageType | null {
  // PNG: signature, then the IHDR chunk (length 13) first.
  if (bytes.length >= 33 && bytes.subarray(0, 8).equals(PNG) && bytes.readUInt32BE(8) === 13 && ascii(bytes, 12, 'IHDR')) return 'image/png';
  // JPEG: SOI then a marker segment.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3]! >= 0xc0) return 'image/jpeg';
  // GIF: version, then a logical screen descriptor.
  if (bytes.length >= 13 && (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a'))) return 'image/gif';
  // WebP: a RIFF container of type WEBP whose first chunk is VP8, VP8L or VP8X.
  if (
    bytes.length >= 16 &&
    ascii(bytes, 0, 'RIFF') &&
    ascii(bytes, 8, 'WEBP') &&
    (ascii(bytes, 12, 'VP8 ') || ascii(bytes, 12, 'VP8L') || ascii(bytes, 12, 'VP8X'))
  )
    return 'image/webp';
  return null;
}

export function extensionOf(type: ImageType): string {
  return { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' }[type];
}
