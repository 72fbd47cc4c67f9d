import { asArray, asString, get, hasKey, lookupTable } from '../core/values.js';
import type { SourceRef } from '../model/source-ref.js';
import type { Scope, Webhook, WebhookConfig, WebhookRequest } from '../model/types.js';

/** webhook-service `webhook/webhook.yaml`: v1alpha1 curl strings and v1beta1 structured requests (§7). */
export function readWebhookConfig(src: SourceRef, value: unknown, scope: Scope): WebhookConfig {
  const apiVersion = asString(get(value, 'apiVersion')) ?? '';
  const tail = apiVersion.split('/')[1];
  return {
    src,
    scope,
    apiVersion,
    version: tail === 'v1alpha1' || tail === 'v1beta1' ? tail : 'unknown',
    webhooks: asArray(get(value, 'spec', 'webhooks')).map((w, i) => readWebhook(src.at('spec', 'webhooks', i), w)),
  };
}

function readWebhook(src: SourceRef, value: unknown): Webhook {
  return {
    src,
    type: asString(get(value, 'type')) ?? '',
    subscriptionID: asString(get(value, 'subscriptionID')),
    sendStarted: typeof get(value, 'sendStarted') === 'boolean' ? (get(value, 'sendStarted') as boolean) : undefined,
    sendFinished: typeof get(value, 'sendFinished') === 'boolean' ? (get(value, 'sendFinished') as boolean) : undefined,
    envFrom: asArray(get(value, 'envFrom')).map((e, i) => ({
      src: src.at('envFrom', i),
      name: asString(get(e, 'name')) ?? '',
      secretName: asString(get(e, 'secretRef', 'name')),
      secretKey: asString(get(e, 'secretRef', 'key')),
    })),
    requests: asArray(get(value, 'requests')).map((r, i): WebhookRequest => {
      const rsrc = src.at('requests', i);
      if (typeof r === 'string') return { src: rsrc, kind: 'curl', command: r };
      return {
        src: rsrc,
        kind: 'structured',
        url: asString(get(r, 'url')),
        method: asString(get(r, 'method')),
        headers: asArray(get(r, 'headers')).map((h) => ({ key: asString(get(h, 'key')) ?? '', value: asString(get(h, 'value')) ?? '' })),
        payload: asString(get(r, 'payload')),
        options: hasKey(r, 'options') ? asString(get(r, 'options')) : undefined,
      };
    }),
  };
}

/**
 * Go template references `{{.data.x.y}}`, `{{.env.x}}`, `{{.id}}` in a webhook request: what
 * `/\{\{-?\s*(?:[a-z]+\s+)?(\.[A-Za-z0-9_.]+)[^}]*\}\}/g` matches, in linear time. That expression reads from each
 * `{{` to the next `}` (and tries every split of the reference again when no `}}` follows): quadratic on a request
 * full of `{{`. Here the start of a reference is matched at each `{{`, and the next `}` is found once for all of them.
 */
export function templateReferences(text: string): { ref: string; index: number; length: number }[] {
  const out: { ref: string; index: number; length: number }[] = [];
  const start = /\{\{-?\s*(?:[a-z]+\s+)?(\.[A-Za-z0-9_.]+)/y;
  let nextBrace = -1;
  for (let at = text.indexOf('{{'); at !== -1; ) {
    start.lastIndex = at;
    const m = start.exec(text);
    if (m) {
      const after = at + m[0].length;
      if (nextBrace < after) nextBrace = text.indexOf('}', after);
      if (nextBrace === -1) break;
      if (text[nextBrace + 1] === '}') {
        out.push({ ref: m[1] as string, index: at, length: nextBrace + 2 - at });
        at = text.indexOf('{{', nextBrace + 2);
        continue;
      }
    }
    at = text.indexOf('{{', at + 1);
  }
  return out;
}

/** Event data a KLT task can still read from KEPTN_CONTEXT, by the Keptn v1 template path (from the input: no prototype). */
export const CONTEXT_EQUIVALENTS = lookupTable<string>({
  '.data.service': 'workloadName (or appName)',
  '.data.labels.version': 'workloadVersion',
  '.data.configurationChange.values.image': 'workloadVersion (the image tag)',
  '.shkeptncontext': 'metadata.traceparent (the trace of the deployment)',
  '.id': 'none, generate an id in the task',
  '.type': 'taskType and objectType',
});
