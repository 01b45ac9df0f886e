/**
 * The web app's text: every t('English') in web/src has a Simplified Chinese translation with the
 * same placeholders, and the dictionary holds nothing the app no longer says.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { langForTag } from '../web/src/i18n/lang.js';
import { ZH_CN, ZH_CN_PARTS } from '../web/src/i18n/zh-CN.js';

const WEB_SRC = fileURLToPath(new URL('../web/src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The literal texts passed to t(): t('…') or t("…"), outside comments. */
function uiTexts(): Set<string> {
  const texts = new Set<string>();
  const call = /\bt\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g;
  for (const file of sourceFiles(WEB_SRC)) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const match of code.matchAll(call)) texts.add((match[1] ?? match[2]!).replace(/\\(['"])/g, '$1'));
  }
  return texts;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web app languages', () => {
  const texts = uiTexts();

  it('finds the app texts', () => {
    expect(texts.size).toBeGreaterThan(300);
    expect(texts).toContain('Sign in');
  });

  it('translates every text to Simplified Chinese, keeping the placeholders', () => {
    const missing = [...texts].filter((text) => !Object.hasOwn(ZH_CN, text));
    expect(missing).toEqual([]);
    for (const text of texts) {
      const zh = ZH_CN[text]!;
      expect(zh, text).toMatch(/[\u4e00-\u9fff]|^[^A-Za-z]*$/);
      expect(placeholders(zh), text).toEqual(placeholders(text));
    }
  });

  it('keeps no translation the app no longer uses', () => {
    expect(Object.keys(ZH_CN).filter((text) => !texts.has(text))).toEqual([]);
  });

  it('holds each text in one file of the dictionary only (a second copy would silently win)', () => {
    const seen = new Map<string, number>();
    for (const part of ZH_CN_PARTS) for (const text of Object.keys(part)) seen.set(text, (seen.get(text) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([text]) => text)).toEqual([]);
  });

  it('picks the language from browser tags the way the server picks the catalog locale', () => {
    expect(langForTag('zh-CN')).toBe('zh-CN');
    expect(langForTag('zh')).toBe('zh-CN');
    expect(langForTag('zh-Hans-HK')).toBe('zh-CN');
    expect(langForTag('zh-TW')).toBeNull();
    expect(langForTag('zh-Hant')).toBeNull();
    expect(langForTag('en-GB')).toBe('en');
    expect(langForTag('de')).toBeNull();
  });
});
