/** The app's languages, and how a browser language tag maps to one (no React: tests import it). */
export type Lang = 'en' | 'zh-CN';

/** The same mapping as the server's: zh, zh-CN, zh-SG and zh-Hans are Simplified Chinese. */
export function langForTag(tag: string): Lang | null {
  const [primary, ...rest] = tag.toLowerCase().split(/[-_]/);
  if (primary === 'en') return 'en';
  if (primary !== 'zh') return null;
  if (rest.length === 0) return 'zh-CN';
  const script = rest.find((s) => s.length === 4);
  if (script) return script === 'hans' ? 'zh-CN' : null;
  return rest[0] === 'cn' || rest[0] === 'sg' ? 'zh-CN' : null;
}
