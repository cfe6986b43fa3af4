// The one redacting writer: every byte the CLI prints, from our code, commander, listr2 or an error, goes through
// the run's redactor at the process streams themselves, so no output path can forget it. A reader that
// goes away (`runbook plan ... | head`) ends the output quietly instead of crashing the run on EPIPE.
import type { Redactor } from '../core/redactor.js';

type Write = NodeJS.WriteStream['write'];

/** Wraps the streams' write; returns a function that puts the originals back. */
export function installRedactingOutput(streams: NodeJS.WriteStream[], redact: Redactor): () => void {
  const restores = streams.map((stream) => {
    const original = stream.write;
    let closed = false;
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') closed = true;
      else throw error;
    };
    stream.on('error', onError);
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      const callback = rest.find((r) => typeof r === 'function') as ((e?: Error | null) => void) | undefined;
      if (closed) {
        callback?.();
        return true;
      }
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
      return (original as (...args: unknown[]) => boolean).call(this, redact(text), ...rest.filter((r) => typeof r === 'function'));
    } as Write;
    return () => {
      stream.write = original;
      stream.off('error', onError);
    };
  });
  return () => restores.forEach((restore) => restore());
}
