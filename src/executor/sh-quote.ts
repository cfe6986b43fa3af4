// POSIX single-quote quoting for scripts the executor builds (remote shells may be dash).

export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
