/**
 * The region policy (4001): ordered rules over the IP's country and the account's KYC country; the
 * first match decides. A country field is an ISO code ("US"), a list (["US","CA"]), "*" or a
 * negation ("!US"). An unknown country (no GeoIP answer, no KYC yet) matches "*" and negations only.
 */
import { Type, type Static } from '@sinclair/typebox';

const Code = Type.String({ pattern: '^[A-Z]{2}$' });
export const CountryPatternSchema = Type.Union([Type.String({ pattern: '^(\\*|!?[A-Z]{2})$' }), Type.Array(Code, { minItems: 1 })]);

export const RegionRuleSchema = Type.Object(
  {
    ipCountry: CountryPatternSchema,
    kycCountry: CountryPatternSchema,
    action: Type.Union([Type.Literal('allow'), Type.Literal('restrict'), Type.Literal('deny')]),
    functions: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z_]{1,40}$' }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const RegionPolicySchema = Type.Object(
  {
    rules: Type.Array(RegionRuleSchema, { maxItems: 500 }),
    hopping: Type.Object(
      {
        maxCountries: Type.Integer({ minimum: 1, maximum: 50 }),
        windowSeconds: Type.Integer({ minimum: 60 }),
        cooldownSeconds: Type.Integer({ minimum: 60 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type RegionRule = Static<typeof RegionRuleSchema>;
export type RegionPolicy = Static<typeof RegionPolicySchema>;

/** Functions a restrict rule can name; the ones the server enforces today are marked in docs. */
export const RESTRICTABLE_FUNCTIONS = ['withdraw', 'api_keys', 'trade'] as const;

export const DEFAULT_REGION_POLICY: RegionPolicy = {
  rules: [
    // US IP with a non-US (or missing) KYC country: no login at all.
    { ipCountry: 'US', kycCountry: '!US', action: 'deny' },
    // Mainland China IP with China KYC: login works, these functions answer 4001 function_restricted.
    { ipCountry: 'CN', kycCountry: 'CN', action: 'restrict', functions: ['withdraw', 'api_keys', 'trade'] },
    { ipCountry: '*', kycCountry: '*', action: 'allow' },
  ],
  hopping: { maxCountries: 3, windowSeconds: 3600, cooldownSeconds: 3600 },
};

export function countryMatches(pattern: RegionRule['ipCountry'], country: string | null): boolean {
  if (Array.isArray(pattern)) return country !== null && pattern.includes(country);
  if (pattern === '*') return true;
  if (pattern.startsWith('!')) return country !== pattern.slice(1);
  return country === pattern;
}

export interface RegionDecision {
  action: 'allow' | 'restrict' | 'deny';
  functions: string[];
  ruleIndex: number | null;
}

export function evaluateRegion(policy: RegionPolicy, ipCountry: string | null, kycCountry: string | null): RegionDecision {
  const index = policy.rules.findIndex((rule) => countryMatches(rule.ipCountry, ipCountry) && countryMatches(rule.kycCountry, kycCountry));
  if (index < 0) return { action: 'allow', functions: [], ruleIndex: null };
  const rule = policy.rules[index]!;
  return { action: rule.action, functions: rule.action === 'restrict' ? (rule.functions ?? []) : [], ruleIndex: index };
}
