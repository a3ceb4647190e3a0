/**
 * Credential steps run with a private --config, which holds none of the learner's contexts:
 * endpointEnvFor turns the learner's current context into the environment that keeps those
 * steps on the same engine.
 */
import { describe, expect, it } from 'vitest';
import { endpointEnvFor } from '../../src/docker/endpoint.js';

describe('endpointEnvFor', () => {
  const rootless = {
    Name: 'rootless',
    Endpoints: { docker: { Host: 'unix:///run/user/1000/docker.sock', SkipTLSVerify: false } },
    TLSMaterial: {},
    Storage: { TLSPath: '/home/a/.docker/contexts/tls/abc' },
  };

  it('the default context needs nothing', () => {
    expect(
      endpointEnvFor(
        { Name: 'default', Endpoints: { docker: { Host: 'unix:///var/run/docker.sock' } } },
        {},
      ),
    ).toEqual({});
  });

  it('another context becomes DOCKER_HOST, and DOCKER_CONTEXT is dropped for the child', () => {
    expect(endpointEnvFor(rootless, {})).toEqual({
      DOCKER_HOST: 'unix:///run/user/1000/docker.sock',
      DOCKER_CONTEXT: undefined,
    });
  });

  it('a context with TLS material gives its cert path, verified unless the context skips it', () => {
    const tls = {
      ...rootless,
      Endpoints: { docker: { Host: 'tcp://lab-host:2376', SkipTLSVerify: false } },
      TLSMaterial: { docker: ['ca.pem', 'cert.pem', 'key.pem'] },
    };
    expect(endpointEnvFor(tls, {})).toEqual({
      DOCKER_HOST: 'tcp://lab-host:2376',
      DOCKER_CONTEXT: undefined,
      DOCKER_CERT_PATH: '/home/a/.docker/contexts/tls/abc/docker',
      DOCKER_TLS_VERIFY: '1',
    });
  });

  it('DOCKER_HOST in the environment already wins: nothing to add', () => {
    expect(endpointEnvFor(rootless, { DOCKER_HOST: 'tcp://x:2375' })).toEqual({});
  });
});
