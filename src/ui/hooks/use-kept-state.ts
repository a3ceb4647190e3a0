/**
 * useState whose value outlives the screen. The App shows only the top route, so opening a
 * lesson from a quiz unmounts the quiz; coming back mounts it again with the same route
 * object. State kept under that object (weakly: it goes when the route is popped and
 * dropped) lets the learner return to the very question they left.
 */
import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';

const kept = new WeakMap<object, Map<string, unknown>>();

export function useKeptState<T>(
  owner: object,
  slot: string,
  initial: T | (() => T),
): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => {
    const slots = kept.get(owner);
    if (slots?.has(slot)) return slots.get(slot) as T;
    const first = typeof initial === 'function' ? (initial as () => T)() : initial;
    remember(owner, slot, first);
    return first;
  });
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (action) => {
      setValue((previous) => {
        const next = typeof action === 'function' ? (action as (p: T) => T)(previous) : action;
        remember(owner, slot, next);
        return next;
      });
    },
    [owner, slot],
  );
  return [value, set];
}

function remember(owner: object, slot: string, value: unknown): void {
  let slots = kept.get(owner);
  if (!slots) kept.set(owner, (slots = new Map()));
  slots.set(slot, value);
}
