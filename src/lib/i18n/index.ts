// Public face of the i18n layer.
export * from './i18n.svelte';
export * from './format';
