/**
 * The declarative lab checks (labs' ```check blocks and quiz Verify probes). One strict
 * object per kind, so a typo such as `expects:` is a lint error instead of a check that
 * silently asserts nothing.
 */
import { z } from 'zod';
import { runFlagsProblem } from '../step-policy.js';
import { ID, LESSON_REF } from '../../content/ids.js';

export const CHECK_KINDS = [
  'container',
  'image',
  'history',
  'run',
  'file',
  'registry',
  'output',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** Kinds a lab's ```check block may use: `output` needs a named Verify step to read. */
export const LAB_CHECK_KINDS = CHECK_KINDS.filter((kind) => kind !== 'output');

/** The name a Verify step is given with `as:`, which an `output` check reads back. */
export const STEP_NAME = ID;

export const MATCHER_NAMES = ['equals', 'contains', 'matches', 'gte', 'lte', 'exists'] as const;
export type MatcherName = (typeof MATCHER_NAMES)[number];

/** `lesson-id#section-slug`: both parts lowercase a-z, 0-9 and hyphens. */
export { LESSON_REF };

const lessonRef = z.string().regex(LESSON_REF, 'ref must look like lesson-id#section-slug');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` is a matcher map such as `{ contains: x }` or `{ gte: 1, lte: 3 }`. */
export function isMatcherObject(value: unknown): value is Partial<Record<MatcherName, unknown>> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => (MATCHER_NAMES as readonly string[]).includes(key));
}

/** An expected value: plain (deep equality) or a matcher map; a matcher map is checked here. */
const expectation = z.unknown().superRefine((value, ctx) => {
  if (!isPlainObject(value)) return;
  const keys = Object.keys(value);
  const matcherKeys = keys.filter((key) => (MATCHER_NAMES as readonly string[]).includes(key));
  if (matcherKeys.length === 0) return; // a plain object compared for equality
  if (matcherKeys.length !== keys.length) {
    ctx.addIssue({
      code: 'custom',
      message: `mixes matchers (${matcherKeys.join(', ')}) with plain keys; use "equals:" to compare a whole object`,
    });
    return;
  }
  const m = value as Record<string, unknown>;
  if ('matches' in m) {
    if (typeof m.matches !== 'string')
      ctx.addIssue({ code: 'custom', message: '"matches" takes a regular expression string' });
    else {
      try {
        new RegExp(m.matches);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `"matches" is not a valid regular expression: ${(error as Error).message}`,
        });
      }
    }
  }
  for (const key of ['gte', 'lte'] as const) {
    if (key in m && typeof m[key] !== 'number')
      ctx.addIssue({ code: 'custom', message: `"${key}" takes a number` });
  }
  if ('exists' in m && typeof m.exists !== 'boolean')
    ctx.addIssue({ code: 'custom', message: '"exists" takes true or false' });
});

/** A count (layers, history rows): a number or a matcher map. */
const countExpectation = z.union([
  z.number().int().nonnegative(),
  expectation.refine(isMatcherObject, 'must be a number or a matcher such as { gte: 2 }'),
]);

const common = {
  /** Said when the check fails. */
  message: z.string().min(1).optional(),
  /** Lesson section linked on failure. */
  ref: lessonRef.optional(),
  /** Seconds to keep re-checking before calling the check failed. */
  within: z.number().positive().max(600).optional(),
};

const expectMap = z.record(z.string().min(1), expectation);

export const containerCheck = z
  .strictObject({
    kind: z.literal('container'),
    name: z.string().min(1),
    expect: expectMap.optional(),
    absent: z.literal(true).optional(),
    ...common,
  })
  .refine((c) => !(c.absent && c.expect), {
    message: 'a check with "absent: true" cannot also have "expect"',
    path: ['absent'],
  });

export const imageCheck = z
  .strictObject({
    kind: z.literal('image'),
    /** The image reference, e.g. `myapp:v1` (named `image`, since `ref` is the lesson link). */
    image: z.string().min(1),
    expect: expectMap.optional(),
    layers: countExpectation.optional(),
    tags: z.array(z.string().min(1)).min(1).optional(),
    absent: z.literal(true).optional(),
    ...common,
  })
  .refine((c) => !(c.absent && (c.expect || c.layers !== undefined || c.tags)), {
    message: 'a check with "absent: true" cannot also have expect, layers or tags',
    path: ['absent'],
  });

export const historyCheck = z
  .strictObject({
    kind: z.literal('history'),
    image: z.string().min(1),
    rows: countExpectation.optional(),
    createdBy: z.array(z.string().min(1)).min(1).optional(),
    ...common,
  })
  .refine((c) => c.rows !== undefined || c.createdBy !== undefined, {
    message: 'a history check needs "rows" or "createdBy"',
  });

export const runCheck = z
  .strictObject({
    kind: z.literal('run'),
    image: z.string().min(1),
    args: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    flags: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    stdout: z.union([z.string(), z.number()]).transform(String).optional(),
    stdoutContains: z.string().optional(),
    exitCode: z.number().int().optional(),
    timeout: z.number().positive().max(600).default(20),
    ...common,
  })
  .refine(
    (c) => c.stdout !== undefined || c.stdoutContains !== undefined || c.exitCode !== undefined,
    {
      message: 'a run check needs "stdout", "stdoutContains" or "exitCode"',
    },
  )
  .refine(
    (c) =>
      !(c.flags ?? []).some(
        (flag) =>
          /^--?(d|detach|name|label|l|rm)(=|$)/.test(flag) || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(flag),
      ),
    {
      message: 'run check flags cannot include -d, --name, --label or --rm: the engine sets those',
      path: ['flags'],
    },
  )
  .superRefine((c, ctx) => {
    const why = runFlagsProblem(c.flags ?? []);
    if (why) ctx.addIssue({ code: 'custom', message: why, path: ['flags'] });
  });

const workspacePath = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p) && !p.split(/[\\/]/).includes('..'),
    {
      message: 'path must stay inside the workspace (relative, no "..")',
    },
  );

export const fileCheck = z
  .strictObject({
    kind: z.literal('file'),
    path: workspacePath,
    exists: z.boolean().optional(),
    contains: z.string().min(1).optional(),
    tar: z.enum(['save', 'export']).optional(),
    ...common,
  })
  .refine((c) => !(c.exists === false && (c.contains || c.tar)), {
    message: '"exists: false" cannot be combined with contains or tar',
    path: ['exists'],
  });

export const registryCheck = z.strictObject({
  kind: z.literal('registry'),
  registry: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'registry must be host or host:port, e.g. localhost:5000'),
  repository: z
    .string()
    .regex(
      /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
      'repository must be a lowercase repository path',
    ),
  tag: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(/^[\w][\w.-]{0,127}$/, 'not a valid tag')),
  ...common,
});

/**
 * What a named Verify step printed and how it exited. Only quiz Verify blocks have named
 * steps, so this is the one kind that can prove a key about command OUTPUT or a command
 * that is refused (`docker rmi` of an image in use), not just the state it leaves.
 */
export const outputCheck = z
  .strictObject({
    kind: z.literal('output'),
    /** The `as:` name of the step whose output is checked. */
    step: z.string().regex(STEP_NAME, 'step must be the as: name of a Verify step'),
    /** Plain text: equal after trimming; or a matcher map (`contains`, `matches`, ...). */
    stdout: expectation.optional(),
    stderr: expectation.optional(),
    /** Number of non-empty stdout lines: a number or a matcher map. */
    lines: countExpectation.optional(),
    /** Default 0: a step that should be refused says so with e.g. `exitCode: 1`. */
    exitCode: z.union([z.number().int(), expectation.refine(isMatcherObject)]).optional(),
    message: common.message,
    ref: common.ref,
  })
  .refine(
    (c) =>
      c.stdout !== undefined ||
      c.stderr !== undefined ||
      c.lines !== undefined ||
      c.exitCode !== undefined,
    { message: 'an output check needs "stdout", "stderr", "lines" or "exitCode"' },
  );

export const checkSchema = z.discriminatedUnion('kind', [
  containerCheck,
  imageCheck,
  historyCheck,
  runCheck,
  fileCheck,
  registryCheck,
  outputCheck,
]);

export type Check = z.infer<typeof checkSchema>;
export type ContainerCheck = z.infer<typeof containerCheck>;
export type ImageCheck = z.infer<typeof imageCheck>;
export type HistoryCheck = z.infer<typeof historyCheck>;
export type RunCheck = z.infer<typeof runCheck>;
export type FileCheck = z.infer<typeof fileCheck>;
export type RegistryCheck = z.infer<typeof registryCheck>;
export type OutputCheck = z.infer<typeof outputCheck>;

/** A ```check block holds one check or a list of them. */
export const checkListSchema = z.array(checkSchema).min(1);
