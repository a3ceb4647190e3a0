/**
 * A fast path for the small `key: value` blocks under each question heading. A bank of
 * thousands of questions would spend most of its parse time starting the full YAML parser
 * for blocks like `type: single` / `tags: [a, b]`; this reads exactly those simple shapes and
 * returns undefined for anything else, which then goes to the real parser (same result).
 */
const LINE = /^([A-Za-z][\w-]*):(?:[ \t]+(.*?))?[ \t]*$/;
const PLAIN = /^[A-Za-z0-9_./-][A-Za-z0-9_./#:+-]*$/;
const FLOW_ITEM = /^[A-Za-z0-9_./-][A-Za-z0-9_./#+-]*$/;

export interface FlatYaml {
  readonly data: Record<string, unknown>;
  /** 0-based line offset of each key inside the block. */
  readonly keyLines: Record<string, number>;
}

export function parseFlatYaml(lines: readonly string[]): FlatYaml | undefined {
  const data: Record<string, unknown> = {};
  const keyLines: Record<string, number> = {};
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (line.includes('#')) {
      const hash = line.search(/(^|[ \t])#/);
      if (hash !== -1) line = line.slice(0, hash);
    }
    if (line.trim() === '') continue;
    const match = LINE.exec(line);
    if (!match) return undefined;
    const key = match[1] as string;
    if (key in data) return undefined; // let the real parser report the duplicate
    const value = scalarOrFlow(match[2] ?? '');
    if (value === undefined) return undefined;
    data[key] = value.value;
    keyLines[key] = i;
  }
  return { data, keyLines };
}

function scalarOrFlow(raw: string): { value: unknown } | undefined {
  if (raw.startsWith('[')) {
    if (!raw.endsWith(']')) return undefined;
    const inner = raw.slice(1, -1).trim();
    if (inner === '') return { value: [] };
    const items = inner.split(',').map((item) => item.trim());
    const values: unknown[] = [];
    for (const item of items) {
      if (!FLOW_ITEM.test(item)) return undefined;
      const scalar = plainScalar(item);
      if (scalar === undefined) return undefined;
      values.push(scalar.value);
    }
    return { value: values };
  }
  if (raw === '' || raw === '~' || raw === 'null') return { value: null };
  if (!PLAIN.test(raw)) return undefined;
  return plainScalar(raw);
}

/** Only the scalars whose YAML 1.2 meaning is obvious; the rest take the slow path. */
function plainScalar(raw: string): { value: unknown } | undefined {
  if (/^-?(0|[1-9]\d{0,8})$/.test(raw)) return { value: Number(raw) };
  if (raw === 'true') return { value: true };
  if (raw === 'false') return { value: false };
  if (/^[-+.\d]/.test(raw) || /^(null|~|\.inf|\.nan|True|False|TRUE|FALSE|Null|NULL)$/.test(raw))
    return undefined;
  return { value: raw };
}
