import { execFile } from 'node:child_process';

export class GitError extends Error {}

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs git without a shell; never throws for a non-zero exit (the caller decides). */
export function git(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, env: { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr), code });
    });
  });
}

async function must(args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const r = await git(args, cwd, env);
  if (r.code !== 0) throw new GitError(`git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`);
  return r.stdout;
}

/** the work tree's top folder, or undefined outside a git work tree */
export async function workTreeRoot(cwd: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await git(['rev-parse', '--show-toplevel'], cwd, env);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** `git status --porcelain` lines: modified, staged and untracked files (ignored ones do not count) */
export async function dirtyFiles(cwd: string, env?: NodeJS.ProcessEnv): Promise<string[]> {
  const out = await must(['status', '--porcelain', '--untracked-files=normal'], cwd, env);
  return out.split('\n').filter((l) => l.trim() !== '');
}

export async function currentBranch(cwd: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], cwd, env);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export async function branchExists(cwd: string, name: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  return (await git(['rev-parse', '--verify', '--quiet', `refs/heads/${name}`], cwd, env)).code === 0;
}

/** git's own rule for branch names (`git check-ref-format --branch`) */
export async function isValidBranchName(cwd: string, name: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  if (name.startsWith('-')) return false;
  return (await git(['check-ref-format', '--branch', name], cwd, env)).code === 0;
}

/** creates the branch at HEAD and checks it out (the working tree keeps its state) */
export async function createBranch(cwd: string, name: string, env?: NodeJS.ProcessEnv): Promise<void> {
  await must(['checkout', '-b', name], cwd, env);
}

/**
 * Stages exactly `files` (absolute paths) and commits only them with the subject and body; the repository's own
 * hooks run. Returns the new commit's id, or undefined when the files had nothing to commit.
 */
export async function commitFiles(cwd: string, files: readonly string[], subject: string, body: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (files.length === 0) return undefined;
  await must(['add', '--', ...files], cwd, env);
  const staged = await git(['diff', '--cached', '--quiet', '--', ...files], cwd, env);
  if (staged.code === 0) return undefined;
  await must(['commit', '--quiet', '-m', subject, ...(body ? ['-m', body] : []), '--', ...files], cwd, env);
  return (await must(['rev-parse', 'HEAD'], cwd, env)).trim();
}
