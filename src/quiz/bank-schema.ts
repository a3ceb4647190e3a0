/**
 * zod schemas for the YAML parts of a quiz bank: front matter, the block under each
 * question heading, and `#### Verify` probes. Each schema error path maps to a lint code.
 */
import { z } from 'zod';
import { DOMAIN_IDS } from '../content/domains.js';
import { QUESTION_TYPES } from './types.js';
import { CHECK_KINDS, STEP_NAME } from '../labs/checks/schema.js';
import { stepArgvSchema } from '../labs/argv.js';
import { ID, ID_RULE, LESSON_REF } from '../content/ids.js';

export const ID_PATTERN = ID;
/** `lesson-id#section-slug`; slugs keep letters and digits of any script. */
export const REF_PATTERN = LESSON_REF;

const id = z.string().regex(ID_PATTERN, `use ${ID_RULE}`);
const domain = z.string().refine((value) => (DOMAIN_IDS as string[]).includes(value), {
  message: `unknown domain; use one of ${DOMAIN_IDS.join(', ')}`,
});

export const bankFrontMatterSchema = z.strictObject({
  lesson: id.optional(),
  domain: domain.optional(),
  title: z.string().optional(),
});

export const questionMetaSchema = z.strictObject({
  type: z
    .enum(QUESTION_TYPES, { message: `unknown type; use one of ${QUESTION_TYPES.join(', ')}` })
    .optional(),
  difficulty: z
    .number({ message: 'difficulty must be 1, 2 or 3' })
    .int('difficulty must be 1, 2 or 3')
    .min(1, 'difficulty must be 1, 2 or 3')
    .max(3, 'difficulty must be 1, 2 or 3')
    .optional(),
  tags: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  ref: z.string().optional(),
  domain: domain.optional(),
  lesson: id.optional(),
});

export type QuestionMeta = z.infer<typeof questionMetaSchema>;

const argv = stepArgvSchema;

/**
 * A step whose output an `output` check reads: `{ argv: [image, ls, -q], as: listing }`.
 * A named step may fail (a refused `rmi`): its exit code is checked, not thrown.
 */
const namedStep = z.strictObject({
  argv: argv.pipe(z.array(z.string()).min(1, 'argv needs at least the subcommand')),
  as: z.string().regex(STEP_NAME, 'as: takes a lowercase name such as "listing"'),
});

export const verifySchema = z.strictObject({
  files: z
    .record(z.string(), z.string(), { message: 'files maps a workspace path to its content' })
    .optional(),
  steps: z
    .array(z.union([argv, namedStep]), {
      message: 'steps must be a list of argv lists (or { argv: [...], as: name } maps)',
    })
    .default([]),
  checks: z
    .array(
      z.looseObject({
        kind: z.enum(CHECK_KINDS, {
          message: `each check needs a kind: ${CHECK_KINDS.join(', ')}`,
        }),
      }),
      { message: 'checks must be a list of check maps, each with a kind' },
    )
    .min(1, 'a probe needs at least one check'),
});

/** A zod issue path in readable form (`checks.0.kind`). */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
