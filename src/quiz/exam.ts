/**
 * Assembles a DCA-style exam paper: questions drawn per domain by the blueprint weights,
 * renormalised over the domains the bank actually covers, rounded by largest remainder,
 * topped up from other domains when one runs short. Same questions + seed = same paper.
 */
import { DOMAINS, type DomainId } from '../content/domains.js';
import { seededShuffle } from './random.js';
import type { Question } from './types.js';

export * from './exam-session.js';

export interface ExamOptions {
  /** Number of questions (the DCA has 55). */
  readonly count?: number;
  readonly seed: string;
  /** Percent weight per domain; defaults to the DCA blueprint. */
  readonly weights?: Partial<Record<DomainId, number>>;
}

export const DCA_QUESTION_COUNT = 55;

function blueprintWeights(): Record<DomainId, number> {
  return Object.fromEntries(Object.entries(DOMAINS).map(([id, d]) => [id, d.weight])) as Record<
    DomainId,
    number
  >;
}

/**
 * How many questions each domain gets. `available` caps each domain; what a capped domain
 * cannot supply goes to the others by the same weights, until the paper is full or the
 * bank is exhausted.
 */
export function domainQuotas(
  available: Readonly<Partial<Record<DomainId, number>>>,
  count: number,
  weights: Readonly<Partial<Record<DomainId, number>>> = blueprintWeights(),
): Partial<Record<DomainId, number>> {
  const domains = (Object.keys(weights) as DomainId[]).filter(
    (d) => (weights[d] ?? 0) > 0 && (available[d] ?? 0) > 0,
  );
  const quotas: Partial<Record<DomainId, number>> = Object.fromEntries(domains.map((d) => [d, 0]));
  const supply = domains.reduce((sum, d) => sum + (available[d] ?? 0), 0);
  let remaining = Math.min(count, supply);
  let open = domains;
  while (remaining > 0 && open.length > 0) {
    const shares = largestRemainder(open, remaining, weights);
    let overflow = 0;
    for (const d of open) {
      const room = (available[d] ?? 0) - (quotas[d] ?? 0);
      const take = Math.min(shares[d] ?? 0, room);
      quotas[d] = (quotas[d] ?? 0) + take;
      overflow += (shares[d] ?? 0) - take;
    }
    remaining = overflow;
    open = open.filter((d) => (quotas[d] ?? 0) < (available[d] ?? 0));
  }
  return quotas;
}

/** Splits `total` over `domains` in proportion to weight; leftovers to the largest remainders. */
function largestRemainder(
  domains: readonly DomainId[],
  total: number,
  weights: Readonly<Partial<Record<DomainId, number>>>,
): Partial<Record<DomainId, number>> {
  const sum = domains.reduce((s, d) => s + (weights[d] ?? 0), 0);
  const exact = domains.map((d) => ({ d, value: (total * (weights[d] ?? 0)) / sum }));
  const shares: Partial<Record<DomainId, number>> = {};
  let given = 0;
  for (const { d, value } of exact) {
    shares[d] = Math.floor(value);
    given += Math.floor(value);
  }
  // Ties go to the heavier domain, then to blueprint order: deterministic.
  const byRemainder = [...exact].sort(
    (a, b) =>
      b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) ||
      (weights[b.d] ?? 0) - (weights[a.d] ?? 0),
  );
  for (let i = 0; given < total; i++, given++) {
    const { d } = byRemainder[i % byRemainder.length] as { d: DomainId };
    shares[d] = (shares[d] ?? 0) + 1;
  }
  return shares;
}

export function assembleExam(questions: readonly Question[], options: ExamOptions): Question[] {
  const count = options.count ?? DCA_QUESTION_COUNT;
  const weights = options.weights ?? blueprintWeights();
  // Unique by id, sorted by id: the paper depends on the seed, not on the order banks load in.
  const unique = new Map<string, Question>();
  for (const q of questions) if (!unique.has(q.id)) unique.set(q.id, q);
  const byDomain = new Map<DomainId, Question[]>();
  for (const q of [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const list = byDomain.get(q.domain) ?? [];
    list.push(q);
    byDomain.set(q.domain, list);
  }
  const available = Object.fromEntries([...byDomain].map(([d, list]) => [d, list.length]));
  const quotas = domainQuotas(available, count, weights);
  const picked: Question[] = [];
  for (const [domain, list] of byDomain) {
    picked.push(
      ...seededShuffle(list, `${options.seed}:exam:${domain}`).slice(0, quotas[domain] ?? 0),
    );
  }
  return seededShuffle(picked, `${options.seed}:exam:order`);
}
