/**
 * The service's log: one JSON object a line (time, event, then the event's fields), for log
 * collectors. Requests are logged by what happened to them — never by what they contained.
 */

/** Fields of one log line. */
export type LogFields = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/** Writes one line; `level` is info unless given. */
export type Log = (event: string, fields?: LogFields) => void;

/** A log writing JSON lines to a stream (stdout by default). */
export function jsonLog(write: (line: string) => void = (l) => process.stdout.write(l)): Log {
  return (event, fields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', event, ...fields })}\n`);
  };
}
