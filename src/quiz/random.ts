/**
 * Seeded randomness, so a paper (option order, exam draw) can be rebuilt from its seed:
 * the same seed always gives the same shuffle on every machine.
 */

/** FNV-1a 32-bit hash of a string: small, fast and stable, used for seeds and option ids. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny 32-bit PRNG with good enough spread for shuffling a few items. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random number generator in [0, 1) for a string seed. */
export function seededRandom(seed: string): () => number {
  return mulberry32(hashString(seed));
}

/** A new array with the items in a Fisher-Yates order fixed by `seed`. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** The seed for one question on one paper: each question gets its own independent order. */
export function questionSeed(seed: string, questionId: string): string {
  return `${seed}:${questionId}`;
}

/** Options of a question in the order this paper shows them; grading uses the ids. */
export function shuffleOptions<T extends { readonly id: string }>(
  question: { readonly id: string; readonly options: readonly T[] },
  seed: string,
): T[] {
  return seededShuffle(question.options, questionSeed(seed, question.id));
}

/** Steps of an `order` question scrambled for display (never left in the right order when avoidable). */
export function shuffleSteps<T extends { readonly id: string }>(
  question: { readonly id: string; readonly steps: readonly T[] },
  seed: string,
): T[] {
  const base = questionSeed(seed, question.id);
  let shuffled = seededShuffle(question.steps, base);
  // A shuffle that happens to keep the right order gives the answer away; try again a few
  // times with derived seeds (still deterministic).
  for (let attempt = 1; attempt < 8 && question.steps.length > 1; attempt++) {
    if (shuffled.some((step, i) => step.id !== question.steps[i]?.id)) break;
    shuffled = seededShuffle(question.steps, `${base}#${attempt}`);
  }
  return shuffled;
}

/** A fresh seed for a new paper (not reproducible by design; store it to replay the paper). */
export function newSeed(): string {
  return Math.floor(Math.random() * 0xffffffff).toString(36) + Date.now().toString(36);
}
