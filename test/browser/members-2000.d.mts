export const COUNTY_MEMBERS: number;
export const TOWN_MEMBERS: number;
export function yangxiWithMembers(root: string, county?: number, town?: number, lowest?: number, spread?: number): string;
