/**
 * Every question of every content root, loaded once per set of roots and kept: the quiz,
 * review and exam screens all draw from it. Only the quiz commands and screens call this,
 * so the home screen never pays for parsing banks (it counts headings instead).
 */
import { basename } from 'node:path';
import { DOMAINS, isDomainId, type DomainId } from '../content/domains.js';
import type { ContentRoot } from '../content/paths.js';
import { qualify } from '../content/namespace.js';
import { lintParsedBanks, loadRootBanks } from './parse-bank.js';
import type { Question } from './types.js';

export interface BankInfo {
  readonly file: string;
  /** `03-moving-images` for `quizzes/03-moving-images.quiz.md`. */
  readonly name: string;
  readonly lesson?: string;
  readonly domain?: DomainId;
  readonly count: number;
}

export interface QuestionCatalog {
  /** Unique by id, in bank order (a later duplicate id is dropped, lint reports it). */
  readonly questions: readonly Question[];
  readonly byId: ReadonlyMap<string, Question>;
  readonly banks: readonly BankInfo[];
}

const cache = new Map<string, QuestionCatalog>();

/** Loads (or returns the already loaded) questions of these roots. */
export function loadQuestions(roots: readonly ContentRoot[]): QuestionCatalog {
  const key = roots.map((root) => `${root.pack}:${root.dir}`).join('\0');
  const cached = cache.get(key);
  if (cached) return cached;
  const rootOf = new Map<string, ContentRoot>();
  const parsed = roots.flatMap((root) =>
    loadRootBanks(root, { verify: false }).map((bank) => {
      rootOf.set(bank.bank.file, root);
      return bank;
    }),
  );
  const { banks } = lintParsedBanks(parsed);
  const questions = banks.flatMap((bank) => bank.questions);
  const catalog: QuestionCatalog = {
    questions,
    byId: new Map(questions.map((q) => [q.id, q])),
    banks: banks.map((bank) => ({
      file: bank.file,
      // A pack's bank names are namespaced like its ids: `quiz docker-101/01-basics`.
      name: qualify(
        rootOf.get(bank.file) ?? { dir: '', pack: '' },
        basename(bank.file).replace(/\.quiz\.md$/, ''),
      ),
      ...(bank.lesson ? { lesson: bank.lesson } : {}),
      ...(bank.domain ? { domain: bank.domain } : {}),
      count: bank.questions.length,
    })),
  };
  cache.set(key, catalog);
  return catalog;
}

/** Forgets loaded banks (tests that rewrite fixtures, or a future "reload" key). */
export function clearQuestionCache(): void {
  cache.clear();
}

export type FilterKind = 'lesson' | 'domain' | 'tag' | 'bank';

export interface ResolvedFilter {
  readonly kind: FilterKind;
  readonly value: string;
  /** For titles: "lesson moving-images", "domain Networking", "tag digests". */
  readonly label: string;
  readonly questions: readonly Question[];
}

/**
 * What a `quiz [filter]` word selects: a lesson id, a domain id, a tag or a bank name, tried
 * in that order. Undefined when nothing matches (the caller lists what would).
 */
export function resolveFilter(
  catalog: QuestionCatalog,
  filter: string,
): ResolvedFilter | undefined {
  const word = filter.trim();
  const byLesson = catalog.questions.filter((q) => q.lesson === word);
  if (byLesson.length)
    return { kind: 'lesson', value: word, label: `lesson ${word}`, questions: byLesson };
  if (isDomainId(word)) {
    const byDomain = catalog.questions.filter((q) => q.domain === word);
    if (byDomain.length)
      return {
        kind: 'domain',
        value: word,
        label: `domain ${DOMAINS[word].title}`,
        questions: byDomain,
      };
  }
  const byTag = catalog.questions.filter((q) => q.tags.includes(word));
  if (byTag.length) return { kind: 'tag', value: word, label: `tag ${word}`, questions: byTag };
  const bank = catalog.banks.find((b) => b.name === word);
  if (bank) {
    const inBank = catalog.questions.filter((q) => q.file === bank.file);
    if (inBank.length)
      return { kind: 'bank', value: word, label: `bank ${word}`, questions: inBank };
  }
  return undefined;
}

export interface FilterChoice {
  readonly kind: FilterKind;
  readonly value: string;
  readonly count: number;
}

/** Lessons, domains and tags that select at least one question, with their counts. */
export function filterChoices(catalog: QuestionCatalog): {
  lessons: FilterChoice[];
  domains: FilterChoice[];
  tags: FilterChoice[];
} {
  const count = (values: Iterable<string | undefined>, kind: FilterKind): FilterChoice[] => {
    const counts = new Map<string, number>();
    for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].map(([value, n]) => ({ kind, value, count: n }));
  };
  const qs = catalog.questions;
  return {
    lessons: count(
      qs.map((q) => q.lesson),
      'lesson',
    ),
    domains: count(
      qs.map((q) => q.domain),
      'domain',
    ),
    tags: count(
      qs.flatMap((q) => q.tags),
      'tag',
    ).sort((a, b) => (a.value < b.value ? -1 : 1)),
  };
}

/** The message for a filter that selects nothing: what exists instead. */
export function unknownFilterMessage(catalog: QuestionCatalog, filter: string): string {
  const { lessons, domains, tags } = filterChoices(catalog);
  const list = (items: FilterChoice[]) => items.map((i) => i.value).join(', ') || '(none)';
  return (
    `no questions match "${filter}". Choose a lesson, a domain or a tag:\n` +
    `  lessons: ${list(lessons)}\n` +
    `  domains: ${list(domains)}\n` +
    `  tags:    ${list(tags)}\n`
  );
}
