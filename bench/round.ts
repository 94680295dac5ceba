// Rounding for reported figures, on its own so measure.ts and profile.ts both use it without importing each other.
export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
