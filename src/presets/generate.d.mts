/** The text src/presets/texts.generated.ts should hold. */
export const text: string;
