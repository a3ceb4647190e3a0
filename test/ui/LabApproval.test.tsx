/* eslint-disable no-control-regex -- these tests are about control characters */
/**
 * The approval screen of a course pack's lab hides nothing: every docker line complete
 * (wrapped, never cut), every step reachable by scrolling, the files it copies and the
 * names cleanup removes, and no escape sequence from the pack on screen. Nothing runs
 * before the learner says yes, so no engine is needed.
 */
import { expect, it } from 'vitest';
import { bundledRoot, packRoot } from '../../src/content/paths.js';
import { ProgressStore } from '../../src/progress/store.js';
import { wrapPreview } from '../../src/ui/components/LabApproval.js';
import { Lab } from '../../src/ui/screens/Lab.js';
import { makeTempDir } from '../helpers/home.js';
import { copyPack } from '../helpers/hostile-packs.js';
import { makeServices, recordingNavigation, renderWith, tick, waitForFrame } from './render-app.js';

const LONG = `echo ${'x'.repeat(150)} END-OF-LONG-LINE`;

/**
 * test/fixtures/hostile-packs/long-approval: 31 setup steps, one very long, a title with
 * YAML-escaped control characters, and a file for the workspace.
 */
function makePack(): string {
  return copyPack('long-approval');
}

it('wraps every line, scrolls to the last step, lists files and cleanup, and shows no escape', async () => {
  const pack = makePack();
  const home = makeTempDir('dockdrill-approval-home-');
  const services = makeServices({
    home,
    store: new ProgressStore(home),
    roots: [bundledRoot(), packRoot(pack)],
  });
  const view = renderWith(<Lab id="long-approval/long" />, services, recordingNavigation());
  const first = await waitForFrame(view.lastFrame, 'Run this lab?');
  expect(first).not.toMatch(/…|and \d+ more/);
  expect(first).toContain('Files copied into the workspace:');
  expect(first).toContain('notes.txt');
  expect(first).toMatch(/more below \(j\/space\)/);
  expect(first).toContain('j/k scroll');
  // Page through to the end, collecting every row shown.
  const seen = new Set<string>();
  for (let i = 0; i < 40; i++) {
    for (const line of (view.lastFrame() ?? '').split('\n')) seen.add(line.trim());
    if ((view.lastFrame() ?? '').includes('· end')) break;
    view.stdin.write(' ');
    await tick(40);
  }
  const all = [...seen].join('\n');
  expect(all).toContain('--rm --name ddapp-step-30 busybox:1.36 sh -c');
  // The long line is wrapped onto hanging rows, not cut (wrapPreview keeps every character).
  expect([...seen].some((row) => /^x{20,}/.test(row))).toBe(true);
  const pieces = wrapPreview([`  docker run --rm busybox:1.36 sh -c '${LONG}'`], 79);
  expect(pieces.length).toBeGreaterThan(2);
  expect(pieces.map((p) => p.text.replace(/ /g, '')).join('')).toBe(
    `docker run --rm busybox:1.36 sh -c '${LONG}'`.replace(/ /g, ''),
  );
  for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(79);
  expect(all).toContain('Cleanup removes what is labelled dockdrill.lab=long-approval/long');
  expect(all).toContain('containers: ddapp-web');
  expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  // k goes back up; n leaves without running anything.
  view.stdin.write('k');
  await tick(40);
  view.stdin.write('n');
  await tick(100);
  expect(new ProgressStore(home).read().approvedLabs).toBeUndefined();
  view.unmount();
});
