/**
 * IP → country. The default database is the CC0 "geo-whois-asn-country" MMDB shipped in an npm
 * package (IPv4 and IPv6); GATEHOUSE_GEOIP_DB points at another MMDB (e.g. a GeoIP2/GeoLite2 Country
 * file). `geo.overrides` (CIDR → country) wins over the database, most specific prefix first, for
 * private and test networks. Unknown addresses give null, which the region policy handles.
 */
import { createRequire } from 'node:module';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import maxmind from 'maxmind';

export interface Geo {
  countryOf(ip: string): string | null;
}

type CountryRecord = { country_code?: string; country?: { iso_code?: string }; registered_country?: { iso_code?: string } };

const require = createRequire(import.meta.url);

export function defaultGeoDatabasePath(): string {
  return require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb');
}

function overrideMatcher(overrides: Record<string, string>): (ip: string) => string | null {
  const entries = Object.entries(overrides)
    .map(([cidr, country]) => {
      const [address = '', prefixText] = cidr.split('/');
      const family = isIPv6(address) ? 'ipv6' : 'ipv4';
      const prefix = prefixText === undefined ? (family === 'ipv6' ? 128 : 32) : Number(prefixText);
      const list = new BlockList();
      list.addSubnet(address, prefix, family);
      return { list, family, prefix, country };
    })
    .sort((a, b) => b.prefix - a.prefix);
  return (ip) => {
    const family = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : null;
    if (!family) return null;
    return entries.find((e) => e.family === family && e.list.check(ip, family))?.country ?? null;
  };
}

export async function openGeo(options: { dbPath: string | null; overrides: Record<string, string> }): Promise<Geo> {
  // The record shape differs by vendor (country_code here, country.iso_code in GeoIP2); read both.
  const reader = (await maxmind.open(options.dbPath ?? defaultGeoDatabasePath(), { cache: { max: 50_000 } })) as unknown as {
    get(ip: string): CountryRecord | null;
  };
  const override = overrideMatcher(options.overrides);
  return {
    countryOf(ip) {
      const address = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
      const forced = override(address);
      if (forced) return forced;
      if (!maxmind.validate(address)) return null;
      const record = reader.get(address);
      const code = record?.country_code ?? record?.country?.iso_code ?? record?.registered_country?.iso_code;
      return code && /^[A-Z]{2}$/.test(code) ? code : null;
    },
  };
}
