import { defineRule } from '../engine/rule.js';
import { replaceActions } from '../core/template-actions.js';
import { describeRequest } from './lib/integrations.js';

const DENIED_TEXT = ['$(', '$', '|', ';', '>', '&&', ' &', '`', '/var/run'];
const DENIED_OPTIONS = ['-o', '--output', '-F', '--form', '-T', '--upload-file', '-K', '--config'];
const DATA_OPTIONS = ['-d', '--data', '--data-binary', '--data-ascii', '--data-urlencode'];

/** shell-like words: whitespace separated, '…' and "…" quoting, backslash escapes */
function words(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** why webhook-service refused a rendered v1alpha1 curl string, or [] */
function curlRefusals(command: string): string[] {
  const text = replaceActions(command, () => 'x');
  const reasons: string[] = [];
  const argv = words(text);
  if (argv[0] !== 'curl') reasons.push(`it starts with ${argv[0] === undefined ? 'nothing' : `"${argv[0]}"`}, not curl`);
  for (const d of DENIED_TEXT) {
    if (!text.includes(d)) continue;
    if (d === '$' && text.includes('$(')) continue;
    if (d === ' &' && text.includes(' &&')) continue;
    reasons.push(`it contains the denied ${d === '/var/run' ? 'path' : 'characters'} "${d.trim()}"`);
  }
  argv.forEach((a, i) => {
    const opt = DENIED_OPTIONS.find((o) => a === o || (o.startsWith('--') && a.startsWith(`${o}=`)));
    if (opt) reasons.push(`it uses the denied option ${opt}`);
    const data = DATA_OPTIONS.find((o) => a === o || a.startsWith(`${o}=`) || (o === '-d' && a.startsWith('-d') && !a.startsWith('--')));
    const value = data === undefined ? undefined : a === data ? argv[i + 1] : a.slice(data.length).replace(/^=/, '');
    if (value?.startsWith('@')) reasons.push(`it reads the request body from a file (${data} ${value})`);
  });
  return [...new Set(reasons)];
}

export default defineRule({
  id: 'webhook-curl-restriction',
  meta: {
    description: 'A v1alpha1 webhook curl command that webhook-service refused to run (denied characters, options or first word)',
    pack: 'keptn',
    category: 'webhooks',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'webhook-service rendered a v1alpha1 request, split it into words and refused it unless the first word was `curl` and it contained ' +
        'none of `$`, `$(`, `|`, `;`, `>`, `&&`, ` &`, a backtick or `/var/run`, and none of the options -o/--output, -F/--form, ' +
        '-T/--upload-file, -K/--config or `--data @file`. A refused request never reached its receiver, so `$VAR` in a header, `>` in an ' +
        'HTML payload or a `| jq` pipe meant the webhook never worked in Keptn v1.',
      instead:
        'Confirm with the team what the request was meant to do before porting it; in a KLT deno or python task the same call has no such ' +
        'restrictions (`fetch(url, { method: "POST", headers, body })`).',
      sources: [
        'keptn/keptn@318a3d5 webhook-service/lib/curl_executor.go (NewCmdCurlExecutor, parseArgs: denied characters and options)',
        'keptn/keptn@318a3d5 webhook-service/lib/denylist_provider.go',
      ],
    },
  },
  check(project, context) {
    for (const config of project.webhookConfigs) {
      for (const webhook of config.webhooks) {
        webhook.requests.forEach((req, i) => {
          if (req.kind !== 'curl') return;
          const reasons = curlRefusals(req.command);
          if (reasons.length === 0) return;
          context.report({
            message: `${describeRequest(webhook, i)} was refused by webhook-service: ${reasons.join(', ')}; it never ran in Keptn v1`,
            at: req.src,
          });
        });
      }
    }
  },
});
