// The one picocolors adapter: colour on a TTY, plain text elsewhere.
import pc from 'picocolors';

export interface Palette {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export function createPalette(enabled: boolean): Palette {
  const c = pc.createColors(enabled);
  return { red: c.red, green: c.green, yellow: c.yellow, cyan: c.cyan, dim: c.dim, bold: c.bold };
}
