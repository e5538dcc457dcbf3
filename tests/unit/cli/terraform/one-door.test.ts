/**
 * cdktf is archived upstream: it and the provider bindings stay behind one door (cli/terraform/),
 * imported per resource, and load only when a terraform command runs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../../_helpers/paths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:from|import\()\s*'([^']+)'/g;
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]);
const files = ['cli', 'runtime'].flatMap((dir) => sourceFiles(join(REPO_ROOT, dir)));

describe('the cdktf door', () => {
  it('is the only place that imports cdktf, constructs or the provider bindings', () => {
    const outside = files
      .filter((file) => !relative(REPO_ROOT, file).startsWith('cli/terraform/'))
      .flatMap((file) => imports(file).filter((m) => /^(cdktf|constructs|@cdktf\/)/.test(m)).map((m) => `${relative(REPO_ROOT, file)}: ${m}`));
    expect(files.length).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });

  it('imports each provider resource by its own module, never the package root', () => {
    const roots = files.flatMap((file) => imports(file).filter((m) => m === '@cdktf/provider-aws' || m === '@cdktf/provider-aws/lib').map((m) => `${relative(REPO_ROOT, file)}: ${m}`));
    expect(roots).toEqual([]);
  });

  it('is opened lazily by the terraform command', () => {
    const command = readFileSync(join(REPO_ROOT, 'cli/commands/terraform.ts'), 'utf8');
    expect(imports(join(REPO_ROOT, 'cli/commands/terraform.ts')).filter((m) => m.startsWith('../terraform'))).toEqual(['../terraform/work']);
    expect(command).toMatch(/import\('\.\.\/terraform\/work'\)/);
    expect(command).not.toMatch(/^import .* from '\.\.\/terraform/m);
  });
});
