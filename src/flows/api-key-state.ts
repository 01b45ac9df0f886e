import type { KeyRequest } from '../signed-api/api-keys.js';
import type { ActionState } from './action-state.js';

export interface ApiKeyState extends ActionState {
  request: KeyRequest;
}

/** The new key, shown once: the API key, and an HMAC key's secret. */
export interface ApiKeyCreated {
  id: string;
  apiKey: string;
  secretKey?: string;
  label: string;
  type: string;
  permissions: string[];
  ipWhitelist: string[];
  createdAt: string;
}
