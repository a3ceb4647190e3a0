import { describe, expect, it } from 'vitest';
import { Docker } from '../../src/docker/index.js';
import { Doctor } from '../../src/ui/screens/Doctor.js';
import { describeDocker } from '../helpers/docker.js';
import { fakeDockerEnv } from '../helpers/fake-docker.js';
import {
  makeServices,
  recordingNavigation,
  renderWith,
  tick,
  waitForFrame,
} from '../ui/render-app.js';

describeDocker('Doctor screen on the real engine', () => {
  it('shows a spinner, then every check and the verdict', async () => {
    const { lastFrame, unmount } = renderWith(<Doctor />);
    expect(lastFrame()).toContain('Asking Docker…');
    const frame = await waitForFrame(lastFrame, 'Labs can run on this machine.');
    for (const title of ['docker CLI', 'Docker daemon', 'Builder', 'Image store', 'Lab images'])
      expect(frame).toContain(title);
    expect(frame).toContain('esc/b back');
    unmount();
  });
});

describe('Doctor screen on a broken machine', () => {
  it('shows the failing check with its fix, and goes back with esc', async () => {
    const env = fakeDockerEnv('permission-denied');
    const nav = recordingNavigation();
    const services = makeServices({
      docker: new Docker({ bin: `${env.PATH?.split(':')[0]}/docker` }),
    });
    const { lastFrame, stdin, unmount } = renderWith(<Doctor />, services, nav);
    const frame = await waitForFrame(lastFrame, 'Labs cannot run');
    expect(frame).toContain('Permission denied on the Docker socket.');
    expect(frame).toContain('fix: Add yourself to the docker group');
    stdin.write('\u001B');
    await tick(80);
    expect(nav.backs).toBe(1);
    unmount();
  });
});
