/**
 * The probability distributions the statistics use, from @stdlib. Every other module imports them
 * from here. @stdlib publishes each function as hundreds of small CommonJS files (about 450 for
 * these six), which Node resolves and compiles one by one at start-up; `npm run build` bundles
 * this module's compiled file into one (scripts/bundle-dependencies.mjs), so a `canvass` process
 * loads one file instead. Tests import the packages as they are.
 */
export { default as betaQuantile } from '@stdlib/stats-base-dists-beta-quantile';
export { default as chisquareCdf } from '@stdlib/stats-base-dists-chisquare-cdf';
export { default as fCdf } from '@stdlib/stats-base-dists-f-cdf';
export { default as normalCdf } from '@stdlib/stats-base-dists-normal-cdf';
export { default as normalQuantile } from '@stdlib/stats-base-dists-normal-quantile';
export { default as tQuantile } from '@stdlib/stats-base-dists-t-quantile';
