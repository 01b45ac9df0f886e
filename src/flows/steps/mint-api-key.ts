/** The key is minted: stored (secret sealed, key hashed) with its audit row; the owner gets a notice. */
import { mintApiKey } from '../../signed-api/api-keys.js';
import type { ApiKeyCreated, ApiKeyState } from '../api-key-state.js';
import { done, type Step } from '../step.js';

export const mintApiKeyStep: Step<ApiKeyState, ApiKeyCreated> = {
  name: 'mint',
  doc: [{ code: '201', check: 'the key, shown once (an HMAC key with its secret), audited, a notice mailed' }],
  async run(deps, state) {
    return done(await mintApiKey(deps, state.account, state.request, state.ctx));
  },
};
