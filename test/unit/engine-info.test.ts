import { describe, expect, it } from 'vitest';
import { parseEngineInfo } from '../../src/docker/info.js';

const version = {
  Client: { Version: '27.3.1', ApiVersion: '1.47' },
  Server: { Version: '27.3.1', ApiVersion: '1.47' },
};

describe('parseEngineInfo', () => {
  it('sees BuildKit when the buildx plugin is installed', () => {
    const info = parseEngineInfo(
      version,
      { ClientInfo: { Plugins: [{ Name: 'buildx' }, { Name: 'compose' }] } },
      {},
    );
    expect(info).toMatchObject({ builder: 'buildkit', buildxAvailable: true });
  });

  it('falls back to the classic builder without buildx, or when DOCKER_BUILDKIT=0', () => {
    expect(parseEngineInfo(version, { ClientInfo: { Plugins: [] } }, {}).builder).toBe('classic');
    const forced = parseEngineInfo(
      version,
      { ClientInfo: { Plugins: [{ Name: 'buildx' }] } },
      { DOCKER_BUILDKIT: '0' },
    );
    expect(forced).toMatchObject({ builder: 'classic', builderReason: 'DOCKER_BUILDKIT=0' });
  });

  it('recognises the containerd image store from the driver status', () => {
    const info = parseEngineInfo(
      version,
      { Driver: 'overlayfs', DriverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] },
      {},
    );
    expect(info).toMatchObject({ imageStore: 'containerd', storageDriver: 'overlayfs' });
    const classic = parseEngineInfo(
      version,
      { Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs']] },
      {},
    );
    expect(classic.imageStore).toBe('graphdriver');
  });

  it('lists insecure registries from CIDRs and non-secure index configs', () => {
    const info = parseEngineInfo(
      version,
      {
        RegistryConfig: {
          InsecureRegistryCIDRs: ['127.0.0.0/8'],
          IndexConfigs: {
            'docker.io': { Name: 'docker.io', Secure: true },
            'myreg:5000': { Name: 'myreg:5000', Secure: false },
          },
        },
      },
      {},
    );
    expect(info.insecureRegistries).toEqual(['127.0.0.0/8', 'myreg:5000']);
  });
});
