import type { Store } from '../storage/store.js';
import type { RateLimits } from './security.js';

/** What the route plugins share: storage (all state lives there) and the rate limits. */
export interface WebContext {
  store: Store;
  rateLimits: RateLimits;
}
