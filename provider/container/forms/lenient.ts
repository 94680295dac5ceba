// Parsing without failing, for values that are not the user's to fix here: what inspect holds (a value dockwright
// would refuse still compares, as a difference, never a crash), and inputs another option's schema already refused.

/** `parse()`, or `fallback` when it throws. */
export function lenient<T, F = T>(parse: () => T, fallback: F): T | F {
  try {
    return parse();
  } catch {
    return fallback;
  }
}
