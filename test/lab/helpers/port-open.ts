// Whether something accepts TCP connections on 127.0.0.1:PORT (bounded by a 2 s timeout).
import { Socket } from 'node:net';

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(2000, () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(false));
    s.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
  });
}
