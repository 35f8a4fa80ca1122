// Types for scripts/sample-random.js.
export function createRng(seed: number): () => number;
export function normal(rng: () => number): number;
export function gamma(rng: () => number, shape: number): number;
export function pickWeighted(rng: () => number, weights: readonly number[]): number;
export function searchCumulative(cumulative: ArrayLike<number>, u: number): number;
export function pick<T>(rng: () => number, items: ArrayLike<T>): T;
