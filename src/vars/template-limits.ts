// What one render may cost (template-sandbox.ts says why each bound is there).
export const LIMITS = { rangeItems: 100_000, macroDepth: 100, frameSets: 2_000_000, outputChars: 16 * 1024 * 1024, padWidth: 10_000 } as const;
