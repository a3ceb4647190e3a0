/**
 * The exam clock: time left and a bar that empties. It owns the one-second tick, so only
 * this line re-renders every second, never the question under it. Calls `onExpire` once
 * when the time is up.
 */
import { Text } from 'ink';
import { memo, useEffect, useRef, useState } from 'react';
import { barText } from './Bar.js';

export interface TimerBarProps {
  readonly startedAt: number;
  readonly limitMs: number;
  /** The clock (ms): Date.now in the app, a controllable one in tests. */
  readonly now: () => number;
  /** How often to look at the clock. */
  readonly tickMs?: number;
  readonly width: number;
  readonly onExpire: () => void;
}

/** 5400000 -> "90:00"; over an hour stays in minutes, as exam clocks do. */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export const TimerBar = memo(function TimerBar({
  startedAt,
  limitMs,
  now,
  tickMs = 1000,
  width,
  onExpire,
}: TimerBarProps) {
  const [time, setTime] = useState(now);
  const expired = useRef(false);
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), tickMs);
    return () => clearInterval(timer);
  }, [now, tickMs]);
  const remaining = Math.max(0, startedAt + limitMs - time);
  useEffect(() => {
    if (remaining === 0 && !expired.current) {
      expired.current = true;
      onExpire();
    }
  }, [remaining, onExpire]);
  const share = limitMs > 0 ? remaining / limitMs : 0;
  const color = share > 0.25 ? 'green' : share > 0.1 ? 'yellow' : 'red';
  const label = `⏱ ${formatClock(remaining)} left `;
  return (
    <Text>
      <Text color={color} bold>
        {label}
      </Text>
      <Text color={color}>
        {barText(remaining, limitMs, Math.max(5, width - label.length - 1))}
      </Text>
    </Text>
  );
});
