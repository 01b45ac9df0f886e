export const ZH_CN: Record<string, string> = {};
