/**
 * GitHub-style heading slugs: lowercase, punctuation dropped, spaces to hyphens, and a
 * `-1`, `-2` suffix for repeats within one document. Quizzes and labs link to these.
 */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[`*_~]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** Hands out unique slugs in document order, as GitHub does. */
export class Slugger {
  private readonly seen = new Map<string, number>();

  slug(text: string): string {
    const base = slugify(text);
    const count = this.seen.get(base);
    if (count === undefined) {
      this.seen.set(base, 0);
      return base;
    }
    let next = count + 1;
    while (this.seen.has(`${base}-${next}`)) next++;
    this.seen.set(base, next);
    this.seen.set(`${base}-${next}`, 0);
    return `${base}-${next}`;
  }
}
