import type { CodeHistoryEntry, RedemptionChannel } from '@/app/api-types';
import { formatDateTime } from '@/app/format';

export const CHANNEL_LABELS: Record<RedemptionChannel, string> = {
  api: 'API',
  activation_page: 'activation page',
  console: 'console',
};

const FIELD_LABELS: Record<string, string> = {
  code: 'Code',
  usageType: 'Usage Type',
  maxRedemptions: 'Max redemptions',
  validFrom: 'Valid from',
  validTill: 'Valid Till',
};

export interface HistoryView {
  title: string;
  /** "before → after" lines of an edit, the reason of a revocation, … */
  details: string[];
  actor: string | null;
  /** A batch the entry points at (created in batch X). */
  batchId?: string;
  tone: 'neutral' | 'good' | 'bad';
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') {
    if (field === 'maxRedemptions') return 'no limit';
    if (field === 'validFrom' || field === 'validTill') return 'none';
    return '—';
  }
  if (field === 'validFrom' || field === 'validTill') return formatDateTime(String(value));
  if (field === 'usageType') return value === 'multiple' ? 'Multiple' : 'Single';
  return String(value);
}

function actorOf(entry: CodeHistoryEntry): string | null {
  const name = entry.actorName;
  switch (entry.actorType) {
    case 'api_key':
      return name ? `API key “${name}”` : 'an API key';
    case 'learner':
      // "Redeemed by ada@example.com" already names them.
      return null;
    case 'system':
      return name ?? 'Admit';
    default:
      return name;
  }
}

/** One history entry in words: what happened, by whom, and what changed. */
export function describeHistory(entry: CodeHistoryEntry): HistoryView {
  const data = (entry.data ?? {}) as Record<string, unknown>;
  const actor = actorOf(entry);
  switch (entry.type) {
    case 'created': {
      const mode = data.mode === 'bulk' ? 'bulk ' : '';
      const count =
        typeof data.requestedCount === 'number' ? ` of ${data.requestedCount.toLocaleString()} codes` : '';
      return {
        title: `Created in a ${mode}batch${count}`,
        details: [],
        actor,
        batchId: str(data.batchId),
        tone: 'neutral',
      };
    }
    case 'edited': {
      const details = Object.entries(data).map(([field, change]) => {
        const { before, after } = (change ?? {}) as { before?: unknown; after?: unknown };
        return `${FIELD_LABELS[field] ?? field}: ${fieldValue(field, before)} → ${fieldValue(field, after)}`;
      });
      return { title: 'Edited', details, actor, tone: 'neutral' };
    }
    case 'deactivated':
      return {
        title: data.scope === 'batch' ? 'Deactivated with its whole batch' : 'Deactivated',
        details: [],
        actor,
        tone: 'bad',
      };
    case 'activated':
      return { title: 'Re-activated', details: [], actor, tone: 'good' };
    case 'redeemed': {
      const learner = str(data.learnerEmail) ?? str(data.learnerExternalId) ?? 'a learner';
      const channel = CHANNEL_LABELS[data.channel as RedemptionChannel];
      return {
        title: `Redeemed by ${learner}`,
        details: channel ? [`Through the ${channel}`] : [],
        actor,
        tone: 'good',
      };
    }
    case 'revoked': {
      const learner = str(data.learnerEmail) ?? str(data.learnerExternalId) ?? 'a learner';
      const reason = str(data.reason);
      return {
        title: `Redemption by ${learner} revoked`,
        details: reason ? [`Reason: ${reason}`] : [],
        actor,
        tone: 'bad',
      };
    }
    default:
      return { title: entry.type, details: [], actor, tone: 'neutral' };
  }
}
