/**
 * Merges two progress files (import, and classroom machines): per item the newest wins,
 * exams are united, study days keep the larger count. Nothing present in either is lost.
 */
import type { Progress } from './schema.js';

function newer<T>(
  a: T | undefined,
  b: T | undefined,
  at: (item: T) => string | undefined,
): T | undefined {
  if (!a) return b;
  if (!b) return a;
  return (at(b) ?? '') > (at(a) ?? '') ? b : a;
}

function mergeRecords<T>(
  a: Record<string, T>,
  b: Record<string, T>,
  at: (item: T) => string | undefined,
): Record<string, T> {
  const out: Record<string, T> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = newer(a[key], value, at) as T;
  return out;
}

export function mergeProgress(base: Progress, incoming: Progress): Progress {
  const lessons = mergeRecords(base.lessons, incoming.lessons, (l) => l.openedAt);
  // A lesson read on either side stays read, with the earliest date.
  for (const [id, lesson] of Object.entries(lessons)) {
    const dates = [base.lessons[id]?.readAt, incoming.lessons[id]?.readAt]
      .filter((d): d is string => Boolean(d))
      .sort();
    lessons[id] = { ...lesson, ...(dates[0] ? { readAt: dates[0] } : {}) };
  }
  const labs: Progress['labs'] = { ...base.labs };
  for (const [labId, lab] of Object.entries(incoming.labs)) {
    labs[labId] = {
      tasks: mergeRecords(
        base.labs[labId]?.tasks ?? {},
        lab.tasks,
        (t) => t.lastCheckedAt ?? t.passedAt,
      ),
    };
  }
  const exams = [...base.exams];
  for (const exam of incoming.exams) if (!exams.some((e) => e.at === exam.at)) exams.push(exam);
  exams.sort((x, y) => x.at.localeCompare(y.at));
  const days = { ...base.days };
  for (const [day, count] of Object.entries(incoming.days))
    days[day] = Math.max(days[day] ?? 0, count);
  return {
    version: base.version,
    lessons,
    questions: mergeRecords(base.questions, incoming.questions, (q) => q.lastAt),
    labs,
    exams,
    days,
  };
}
