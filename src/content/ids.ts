/**
 * The one id grammar of the content formats, and the one lesson-ref grammar. Lesson ids,
 * question ids, lab and task ids, Verify step names and lab port names are lowercase words
 * of letters and digits joined by single hyphens (`restart-policies`, never `a--b` or
 * `a-`); a ref is `lesson-id#section-slug`, where the slug is the heading's GitHub-style
 * slug (src/content/slug.ts), so it may hold any letter or digit (`café-au-lait`).
 */
export const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What an id may look like, for messages. */
export const ID_RULE =
  'lowercase letters and digits joined by single hyphens, e.g. restart-policies';

export const LESSON_REF = /^[a-z0-9]+(?:-[a-z0-9]+)*#[\p{L}\p{N}-]+$/u;
