/**
 * Rule metadata that TypeScript erases: each rule's doc comment. At bundle time an esbuild plugin reads each
 * rule file, finds the doc comment above every named function, and appends
 * `annotateRuleFile(<file>, { <name>: <description> })` so the Lambda bundle carries the descriptions and the
 * file of every rule (used in duplicate-name errors).
 */
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';

const DOC_COMMENT = /\/\*\*([\s\S]*?)\*\//g;
const NAMED_FUNCTION = /\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*[<(]/g;
/** What may follow a rule's doc comment: the start of the statement that holds the function. */
const STATEMENT_HEAD = /^\s*(export\s+|default\s+|const\s|let\s|var\s|async\s|function\b|rule\b|disable\b|matcher\b)/;

/** The text of a `/** ... *\/` comment body: leading `*` removed, `@tags` dropped, trimmed. */
export function docCommentText(body: string): string {
  const lines = body.split('\n').map((line) => line.replace(/^\s*\*?\s?/, '').trimEnd());
  const tagAt = lines.findIndex((line) => line.startsWith('@'));
  return (tagAt === -1 ? lines : lines.slice(0, tagAt)).join('\n').trim();
}

/**
 * Named function -> the doc comment that documents it: the last `/** *\/` comment before the function, when
 * nothing but the head of the statement that holds the function (`export const x = rule({...})(`) lies between
 * them and no other function starts in between.
 */
export function extractDescriptions(source: string): Record<string, string> {
  const comments = [...source.matchAll(DOC_COMMENT)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: docCommentText(m[1] ?? '') }));
  const functions = [...source.matchAll(NAMED_FUNCTION)].map((m) => ({ name: m[1] ?? '', at: m.index }));
  const found: Record<string, string> = {};
  for (const fn of functions) {
    const comment = [...comments].reverse().find((c) => c.end <= fn.at);
    if (!comment || comment.text === '') continue;
    const between = source.slice(comment.end, fn.at);
    if (/\bfunction\b/.test(between) || /\/\*\*/.test(between)) continue;
    if (between.trim() !== '' && !STATEMENT_HEAD.test(between)) continue;
    if (!(fn.name in found)) found[fn.name] = comment.text;
  }
  return found;
}

/** The source of a rule file with its metadata call appended. */
export function annotateSource(source: string, file: string, registryModule: string): string {
  const descriptions = JSON.stringify(extractDescriptions(source));
  return (
    `${source}\n;import { annotateRuleFile as __streamalertAnnotate } from ${JSON.stringify(registryModule)};\n` +
    `__streamalertAnnotate(${JSON.stringify(file)}, ${descriptions});\n`
  );
}

/** Options of {@link ruleSourcePlugin}. */
export interface RuleSourcePluginOptions {
  /** Folder of the rule files; only files inside it are annotated. */
  readonly rulesDir: string;
  /** Path of runtime/rules/registry.ts (so the bundle has one registry). */
  readonly registryModule: string;
  /** Base for the file names carried in the bundle. @default process.cwd() */
  readonly baseDir?: string;
}

/** esbuild plugin that annotates every rule file with its doc-comment descriptions and file name. */
export function ruleSourcePlugin(options: RuleSourcePluginOptions): Plugin {
  const rulesDir = resolve(options.rulesDir) + sep;
  const base = options.baseDir ?? process.cwd();
  return {
    name: 'streamalert-rule-source',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(rulesDir) || /\.(d|generated)\.ts$/.test(args.path)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        const file = relative(base, args.path).split(sep).join('/');
        return { contents: annotateSource(source, file, options.registryModule), loader: 'ts' };
      });
    },
  };
}
