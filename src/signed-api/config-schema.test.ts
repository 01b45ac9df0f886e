import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, buildConfig, loadConfig } from '../config.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const symbol = DEFAULT_CONFIG.signedApi.symbols[0]!;
const withSymbols = (symbols: unknown[]) => ({ signedApi: { ...DEFAULT_CONFIG.signedApi, symbols } }) as never;

describe('signedApi configuration', () => {
  it('defaults to BTCUSDT, ETHUSDT and ETHBTC with Binance-like limits', () => {
    expect(DEFAULT_CONFIG.signedApi.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'ETHBTC']);
    expect(DEFAULT_CONFIG.signedApi.limits).toEqual({ requestWeightPerMinute: 6000, ordersPer10Seconds: 50, ordersPerDay: 160_000 });
    expect(buildConfig().signedApi).toEqual(DEFAULT_CONFIG.signedApi);
  });

  it('refuses what a schema cannot see: duplicates, filters finer than the precision, inverted ranges', () => {
    const problems: Array<[unknown[], string]> = [
      [[symbol, symbol], 'configuration field "signedApi.symbols.1.symbol": "BTCUSDT" is listed twice'],
      [[{ ...symbol, baseAssetPrecision: 4 }], 'configuration field "signedApi.symbols.0.lotSize.minQty": more decimals than baseAssetPrecision (4)'],
      [[{ ...symbol, quoteAssetPrecision: 1 }], 'configuration field "signedApi.symbols.0.priceFilter.minPrice": more decimals than quoteAssetPrecision (1)'],
      [
        [{ ...symbol, priceFilter: { ...symbol.priceFilter, minPrice: '5', maxPrice: '1' } }],
        'configuration field "signedApi.symbols.0.priceFilter.minPrice": must not exceed maxPrice',
      ],
      [[{ ...symbol, lotSize: { ...symbol.lotSize, stepSize: '0' } }], 'configuration field "signedApi.symbols.0.lotSize.stepSize": must be above 0'],
      [[{ ...symbol, referencePrice: '20000000' }], 'configuration field "signedApi.symbols.0.referencePrice": must be at most 10000000'],
      [[{ ...symbol, quoteAsset: 'BTC' }], 'configuration field "signedApi.symbols.0.quoteAsset": must differ from baseAsset'],
    ];
    for (const [symbols, message] of problems) expect(() => buildConfig(withSymbols(symbols))).toThrow(message);
  });

  it('names a bad file field and refuses unknown fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-cfg-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ signedApi: { symbols: [{ ...symbol, referencePrice: 60000 }] } }));
    expect(() => loadConfig({ GATEHOUSE_CONFIG: file })).toThrow(ConfigError);
    expect(() => loadConfig({ GATEHOUSE_CONFIG: file })).toThrow('field "signedApi.symbols.0.referencePrice"');
    writeFileSync(file, JSON.stringify({ signedApi: { limits: { requestWeight: 10 } } }));
    expect(() => loadConfig({ GATEHOUSE_CONFIG: file })).toThrow('field "signedApi.limits.requestWeight"');
    writeFileSync(file, JSON.stringify({ signedApi: { limits: { requestWeightPerMinute: 1200 } } }));
    expect(loadConfig({ GATEHOUSE_CONFIG: file }).signedApi.limits).toEqual({ ...DEFAULT_CONFIG.signedApi.limits, requestWeightPerMinute: 1200 });
  });
});
