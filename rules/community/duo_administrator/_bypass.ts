/** Reads the JSON `description` of a Duo `bypass_create` administrator log. */
export interface BypassCode {
  readonly auto_generated?: boolean;
  readonly valid_secs?: number | null;
  readonly remaining_uses?: number | null;
}

/** The bypass code settings of a `bypass_create` record, or `undefined` for any other record. */
export function bypassCode(rec: { readonly action?: unknown; readonly description?: unknown }): BypassCode | undefined {
  if (rec.action !== 'bypass_create' || typeof rec.description !== 'string') return undefined;
  const parsed: unknown = JSON.parse(rec.description);
  return parsed !== null && typeof parsed === 'object' ? (parsed as BypassCode) : undefined;
}
