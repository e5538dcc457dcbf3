/** What every command's action receives: the parsed global options and the io object. */
import type { Command } from 'commander';
import { createIo, type Io } from './io';

/** Global options of the CLI contract. */
export interface GlobalOptions {
  /** Configuration directory. @default './conf' */
  readonly config: string;
  readonly json: boolean;
  readonly debug: boolean;
  readonly color: boolean;
}

/** Passed to each command's work function. */
export interface CommandContext {
  readonly globals: GlobalOptions;
  readonly io: Io;
}

/** Reads the global options from the root program of any (sub)command. */
export function contextFor(command: Command): CommandContext {
  let root = command;
  while (root.parent) root = root.parent;
  const opts = root.opts<{ config?: string; json?: boolean; debug?: boolean; color?: boolean }>();
  const globals: GlobalOptions = {
    config: opts.config ?? './conf',
    json: opts.json === true,
    debug: opts.debug === true,
    color: opts.color !== false,
  };
  return { globals, io: createIo({ json: globals.json, debug: globals.debug, color: globals.color }) };
}

/** Exit code a command's work function asks for (0 when it returns nothing). */
export type CommandResult = number | void;

/**
 * Wraps a command's work function as a commander action. The action records the exit code on
 * the program; errors propagate to `cli/main.ts`, which prints them once.
 */
export function action<O extends object = Record<string, unknown>>(
  work: (ctx: CommandContext, options: O, args: readonly string[]) => Promise<CommandResult> | CommandResult,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const options = command.opts() as O;
    const positional = command.args;
    const code = await work(contextFor(command), options, positional);
    if (typeof code === 'number' && code !== 0) process.exitCode = code;
  };
}
