/**
 * The shape of a parsed quiz bank. Everything the quiz screens, grading, exams and the
 * scheduler need; line numbers stay attached so lint and error messages can point at them.
 */
import type { DomainId } from '../content/domains.js';
import type { Check } from '../labs/checks/schema.js';

export const QUESTION_TYPES = ['single', 'multi', 'truefalse', 'command', 'order'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuizOption {
  /** Stable id derived from the option's text (not its position), so shuffles never change it. */
  readonly id: string;
  /** Markdown text of the option. */
  readonly text: string;
  readonly correct: boolean;
  /** Shown when the option is chosen, or missed when it is a key. */
  readonly feedback?: string;
  readonly line: number;
}

export interface OrderStep {
  /** Stable id derived from the step's text. */
  readonly id: string;
  readonly text: string;
  readonly line: number;
}

/** One Verify step: a docker argv (without `docker`), named when a check reads its output. */
export interface ProbeStep {
  readonly argv: readonly string[];
  /** Set with `as:`; a named step may fail, its exit code and output are kept for checks. */
  readonly as?: string;
}

export interface VerifyProbe {
  /** Files written into the probe's temporary workspace (path -> content). */
  readonly files?: Record<string, string>;
  readonly steps: readonly ProbeStep[];
  /** Lab checks, validated against the lab engine's check schema. */
  readonly checks: Check[];
  /** Line of the `#### Verify` heading. */
  readonly line: number;
}

export interface Question {
  /** The progress key: never changes once published. */
  readonly id: string;
  readonly type: QuestionType;
  /** Markdown. */
  readonly stem: string;
  /** Options in source order (empty for `command` and `order`). */
  readonly options: readonly QuizOption[];
  /** `order` questions: steps in the correct order (empty otherwise). */
  readonly steps: readonly OrderStep[];
  /** `command` questions: accepted answers as written (empty otherwise). */
  readonly accept: readonly string[];
  /** Markdown. */
  readonly explanation: string;
  readonly hint?: string;
  readonly difficulty: 1 | 2 | 3;
  readonly tags: readonly string[];
  /** `lesson-id#section-slug`. */
  readonly ref?: string;
  readonly domain: DomainId;
  readonly lesson?: string;
  readonly verify?: VerifyProbe;
  readonly file: string;
  /** Line of the `### id` heading. */
  readonly line: number;
}

export interface QuizBank {
  readonly file: string;
  readonly lesson?: string;
  readonly domain?: DomainId;
  /** Only the questions without errors: a broken question is reported, never served. */
  readonly questions: readonly Question[];
}
