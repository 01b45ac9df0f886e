/**
 * Creating an API key: the request is checked (4010), then the API-key pipeline (pipelines.ts) runs
 * its checks in order: not frozen → function allowed → authenticator on → password and second factor
 * → mint.
 */
import type { RequestContext } from '../deps.js';
import type { AccountRow } from '../accounts/store.js';
import { checkKeyRequest, type CreateApiKeyInput } from '../signed-api/api-keys.js';
import type { ApiKeyCreated } from './api-key-state.js';
import { API_KEY_CREATION } from './pipelines.js';
import { runFlow } from './runner.js';
import type { FlowDeps } from './step.js';

export async function createApiKey(deps: FlowDeps, account: AccountRow, input: CreateApiKeyInput, ctx: RequestContext): Promise<ApiKeyCreated> {
  const request = await checkKeyRequest(deps, account, input);
  return runFlow(deps, API_KEY_CREATION, { account, ctx, request, password: input.password, twoFactorCode: input.twoFactorCode });
}
