/**
 * Simplified Chinese UI text, keyed by the English text; placeholders ({name}) stay as they are.
 * One file per area of the app; a text appears in one of them only (test/web-i18n.test.ts).
 */
import { ZH_CN_ACCOUNT } from './zh-CN/account.js';
import { ZH_CN_SHELL } from './zh-CN/shell.js';
import { ZH_CN_SIGN_IN } from './zh-CN/sign-in.js';
import { ZH_CN_STAFF } from './zh-CN/staff.js';
import { ZH_CN_SUPPORT } from './zh-CN/support.js';

export const ZH_CN_PARTS: readonly Record<string, string>[] = [ZH_CN_SHELL, ZH_CN_SIGN_IN, ZH_CN_ACCOUNT, ZH_CN_SUPPORT, ZH_CN_STAFF];

export const ZH_CN: Record<string, string> = Object.assign({}, ...ZH_CN_PARTS);
