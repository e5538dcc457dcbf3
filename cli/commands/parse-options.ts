/** Parsers of option values shared by the commands (commander reports their errors as usage errors). */
import { InvalidArgumentError } from 'commander';

/** A positive whole number (`--limit 10`, `--memory 256`). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}
