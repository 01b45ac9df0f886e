import { describe, expect, it } from 'vitest';
import { sniffImageType } from './image-sniff.js';
import { TINY_GIF, TINY_JPEG, TINY_PNG, TINY_WEBP } from '../../test/support/images.js';

describe('sniffImageType', () => {
  it('recognizes PNG, JPEG, GIF and WebP by their bytes', () => {
    expect(sniffImageType(TINY_PNG)).toBe('image/png');
    expect(sniffImageType(TINY_JPEG)).toBe('image/jpeg');
    expect(sniffImageType(TINY_GIF)).toBe('image/gif');
    expect(sniffImageType(TINY_WEBP)).toBe('image/webp');
  });

  it('refuses scripts, HTML, SVG, PDF, empty and truncated files', () => {
    for (const text of [
      '#!/bin/sh\nrm -rf /\n',
      '<html><script>alert(1)</script></html>',
      '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      '%PDF-1.7\n',
      '',
    ]) {
      expect(sniffImageType(Buffer.from(text)), text).toBeNull();
    }
    expect(sniffImageType(TINY_PNG.subarray(0, 8))).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
  });
});
