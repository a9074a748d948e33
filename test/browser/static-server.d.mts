/** Starts serving `root` on 127.0.0.1 and a random port. */
export function serveDirectory(root: string): Promise<{ url: string; close: () => Promise<void> }>;
/** Launch options for Debian's Chromium. */
export const chromiumOptions: { executablePath: string; args: string[] };
