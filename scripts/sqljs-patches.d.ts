import type { Plugin } from 'vite';
export function patchGrowth(code: string, id?: string): string;
export function patchGrowInPlace(code: string, id?: string): string;
export function patchFileView(code: string, id?: string): string;
export function patchSqlJs(code: string, id?: string): string;
export function sqljsPatches(): Plugin;
