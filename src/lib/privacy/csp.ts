// Reads a Content-Security-Policy string into its directives, for showing it in the privacy panel.

export interface CspDirective {
  name: string;
  sources: string[];
}

/** Splits a policy into directives (names lower-cased, first occurrence wins as browsers do). */
export function parseCsp(policy: string): CspDirective[] {
  const seen = new Set<string>();
  const out: CspDirective[] = [];
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const lower = name.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    out.push({ name: lower, sources });
  }
  return out;
}

/** Whether a directive's sources allow only this origin (or nothing at all). */
export function isSelfOnly(sources: readonly string[]): boolean {
  const local = new Set(["'self'", "'none'", 'data:', 'blob:']);
  return sources.every(
    (s) => local.has(s) || /^'(sha(256|384|512)-|nonce-|unsafe-|wasm-|strict-)/.test(s)
  );
}
