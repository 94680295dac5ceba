// What every provider's diff decides; each adds what its own messages need (reasons, differences).
export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** A diff that also says, for the preview, why each replace is needed. */
export interface ExplainedDiff extends DiffResult {
  reasons: string[];
}

/** The decision alone, as the dynamic-provider host takes it (the reasons have been logged already). */
export function forHost({ changes, replaces, deleteBeforeReplace }: DiffResult): DiffResult {
  return { changes, replaces, deleteBeforeReplace };
}
