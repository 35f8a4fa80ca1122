import type { Plugin } from 'vite';
export function patchGrowth(code: string, id?: string): string;
export function sqljsFileGrowth(): Plugin;
