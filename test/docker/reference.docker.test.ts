/**
 * The real docker CLI and engine against parseReference, row by row over the shared table.
 *
 * `docker tag busybox:1.36 <ref>` parses <ref> in the CLI first (distribution/reference,
 * `Error parsing reference: ...`), then the daemon parses it again. The CLI verdict must
 * equal the parser's for every row, word for word. Digest references cannot be tagged (the
 * CLI answers "refusing to create a tag with a digest reference" after parsing them), so the
 * daemon's view of those comes from `docker image inspect`, which says "No such image" for a
 * valid reference it does not have. Rows marked legacyDaemonError are references a 20.10
 * daemon still refuses with its older parser.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  InvalidReferenceError,
  parseReference,
  type ParsedReference,
} from '../../src/docker/reference.js';
import { BUSYBOX, describeDocker, docker, dockerMaybe } from '../helpers/docker.js';
import { REFERENCE_CASES, caseLabel, type ReferenceCase } from '../unit/reference-cases.js';

type Verdict = { ok: true; ref: ParsedReference } | { ok: false; error: InvalidReferenceError };

function parserVerdict(input: string): Verdict {
  try {
    return { ok: true, ref: parseReference(input) };
  } catch (error) {
    if (error instanceof InvalidReferenceError) return { ok: false, error };
    throw error;
  }
}

describeDocker('docker agrees with parseReference', () => {
  let busyboxId = '';
  let legacyDaemon = false;
  /** Tags this file created on busybox, by the name docker lists them under. */
  const created = new Set<string>();

  beforeAll(() => {
    busyboxId = docker(['image', 'inspect', '--format', '{{.Id}}', BUSYBOX]);
    legacyDaemon = docker(['version', '--format', '{{.Server.Version}}']).startsWith('20.');
  });

  afterAll(() => {
    // Untag only what this file made and only while it still points at busybox. Plain
    // `docker rmi` of one of several tags removes just that tag; busybox:1.36 itself is
    // never in `created` (see claim), so the image always keeps its own tag.
    for (const tag of created) {
      const now = dockerMaybe(['image', 'inspect', '--format', '{{.Id}}', tag]);
      if (now.status === 0 && now.stdout === busyboxId) dockerMaybe(['rmi', tag]);
    }
    expect(dockerMaybe(['image', 'inspect', BUSYBOX]).status).toBe(0);
  });

  /**
   * Records `tag` for removal unless it already existed: a tag that was there before (the
   * shared engine's busybox:1.36, or another helper's) is not ours to remove. A tag held by
   * another image is never moved.
   */
  function claim(tag: string): void {
    const existing = dockerMaybe(['image', 'inspect', '--format', '{{.Id}}', tag]);
    if (existing.status !== 0) {
      if (parseReference(tag).canonical === parseReference(BUSYBOX).canonical) {
        throw new Error(`${BUSYBOX} is missing; refusing to track it`);
      }
      created.add(tag);
      return;
    }
    if (existing.stdout !== busyboxId) {
      throw new Error(`${tag} already exists on the engine for another image; not overwriting it`);
    }
  }

  function repoTags(): string[] {
    return JSON.parse(
      docker(['image', 'inspect', '--format', '{{json .RepoTags}}', BUSYBOX]),
    ) as string[];
  }

  it.each(REFERENCE_CASES.map((c) => [caseLabel(c.input), c] as const))(
    '%s',
    (_label, c: ReferenceCase) => {
      const verdict = parserVerdict(c.input);
      // The table and the parser agree (the unit test checks the details).
      expect(verdict.ok).toBe(c.expect.ok);

      if (!verdict.ok) {
        const tagged = dockerMaybe(['tag', BUSYBOX, c.input]);
        expect(tagged.status).not.toBe(0);
        expect(tagged.stderr).toBe(verdict.error.tagCommandMessage);
        return;
      }

      const ref = verdict.ref;
      if (ref.digest !== undefined) {
        const tagged = dockerMaybe(['tag', BUSYBOX, c.input]);
        expect(tagged.status).not.toBe(0);
        // The CLI parsed it and only then refused: the reference itself is valid.
        expect(tagged.stderr).toBe('refusing to create a tag with a digest reference');
        const inspected = dockerMaybe(['image', 'inspect', c.input]);
        expect(inspected.status).not.toBe(0);
        if (c.legacyDaemonError && legacyDaemon) expect(inspected.stderr).toBe(c.legacyDaemonError);
        else expect(inspected.stderr).toMatch(/No such image/i);
        return;
      }

      const listed = ref.familiarString;
      claim(listed);
      const tagged = dockerMaybe(['tag', BUSYBOX, c.input]);
      if (c.legacyDaemonError && legacyDaemon) {
        expect(tagged.stderr).toBe(c.legacyDaemonError);
        expect(tagged.status).not.toBe(0);
        return;
      }
      // Newer daemons parse like the CLI; a 20.10 daemon accepts every other valid row.
      expect(tagged.stderr).toBe('');
      expect(tagged.status).toBe(0);
      // docker lists the tag under the familiar name the parser computed.
      expect(repoTags()).toContain(listed);
      // And resolves every spelling of the reference to that same tag.
      expect(docker(['image', 'inspect', '--format', '{{.Id}}', ref.canonical])).toBe(busyboxId);
    },
  );
});
