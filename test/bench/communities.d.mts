/** 3,099 (or `count`) Yangxi community inputs as JSON text; see communities.mjs. */
export function communityInputs(count?: number): string[];
