/**
 * One table of image references for two tests: test/unit/reference.test.ts checks the
 * parser against it, test/docker/reference.docker.test.ts checks the real docker CLI and
 * engine against the parser for the same rows. Every expectation below was confirmed with
 * `docker tag busybox:1.36 <ref>` on docker CLI 28.2 (distribution/reference v0.6).
 */
import type { ReferenceKind } from '../../src/docker/reference.js';

const HEX64 = '0123456789abcdef'.repeat(4);
export const SHA256 = `sha256:${HEX64}`;
export const SHA512 = `sha512:${HEX64}${HEX64}`;

export interface ValidExpectation {
  registry: string;
  namespace: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** The tag docker uses (written or the default `latest`); absent for digest-only refs. */
  effectiveTag?: string;
  familiar: string;
  canonical: string;
  kind: ReferenceKind;
}

export interface ReferenceCase {
  input: string;
  /** What the row teaches or guards. */
  why: string;
  /** Parsed fields, or Docker's reason for refusing the reference. */
  expect: ({ ok: true } & ValidExpectation) | { ok: false; reason: string };
  /**
   * Docker Engine 20.10's daemon still parses with the old docker/distribution code and
   * refuses some references the current library (and so the CLI) accepts. This is its
   * stderr for `docker tag` (or for `docker image inspect` when the reference has a digest).
   */
  legacyDaemonError?: string;
}

const ok = (e: ValidExpectation) => ({ ok: true as const, ...e });
const bad = (reason: string) => ({ ok: false as const, reason });
const hub = (path: string, canonicalSuffix = ':latest') => {
  const slash = path.lastIndexOf('/');
  return {
    registry: 'docker.io',
    namespace: path.slice(0, slash),
    repository: path.slice(slash + 1),
    canonical: `docker.io/${path}${canonicalSuffix}`,
  };
};

const INVALID = 'invalid reference format';
const TOO_LONG = 'repository name must not be more than 255 characters';
const A247 = 'a'.repeat(247);
const A248 = 'a'.repeat(248);

export const REFERENCE_CASES: readonly ReferenceCase[] = [
  // --- Docker Hub official images --------------------------------------------------------
  {
    input: 'ubuntu',
    why: 'a bare name is an official image on Docker Hub with the tag latest',
    expect: ok({
      ...hub('library/ubuntu'),
      effectiveTag: 'latest',
      familiar: 'ubuntu',
      kind: 'official',
    }),
  },
  {
    input: 'ubuntu:22.04',
    why: 'a tag after the colon',
    expect: ok({
      ...hub('library/ubuntu', ':22.04'),
      tag: '22.04',
      effectiveTag: '22.04',
      familiar: 'ubuntu',
      kind: 'official',
    }),
  },
  {
    input: 'library/ubuntu',
    why: 'library/ is the namespace of official images',
    expect: ok({
      ...hub('library/ubuntu'),
      effectiveTag: 'latest',
      familiar: 'ubuntu',
      kind: 'official',
    }),
  },
  {
    input: 'docker.io/library/ubuntu',
    why: 'the fully qualified name of the same image',
    expect: ok({
      ...hub('library/ubuntu'),
      effectiveTag: 'latest',
      familiar: 'ubuntu',
      kind: 'official',
    }),
  },
  {
    input: 'docker.io/ubuntu',
    why: 'library/ is added on Docker Hub when the path has one component',
    expect: ok({
      ...hub('library/ubuntu'),
      effectiveTag: 'latest',
      familiar: 'ubuntu',
      kind: 'official',
    }),
  },
  {
    input: 'index.docker.io/ubuntu',
    why: 'the legacy index.docker.io host normalises to docker.io',
    expect: ok({
      ...hub('library/ubuntu'),
      effectiveTag: 'latest',
      familiar: 'ubuntu',
      kind: 'official',
    }),
  },
  {
    input: 'index.docker.io/library/alpine:3.20',
    why: 'legacy host with an explicit namespace and tag',
    expect: ok({
      ...hub('library/alpine', ':3.20'),
      tag: '3.20',
      effectiveTag: '3.20',
      familiar: 'alpine',
      kind: 'official',
    }),
  },
  {
    input: 'localhost',
    why: 'without a slash nothing is a registry, not even localhost',
    expect: ok({
      ...hub('library/localhost'),
      effectiveTag: 'latest',
      familiar: 'localhost',
      kind: 'official',
    }),
  },
  {
    input: 'localhost:5000',
    why: 'without a slash this is the image "localhost" with the tag "5000", not a registry',
    expect: ok({
      ...hub('library/localhost', ':5000'),
      tag: '5000',
      effectiveTag: '5000',
      familiar: 'localhost',
      kind: 'official',
    }),
  },
  {
    input: 'a.b',
    why: 'a dot without a slash is a path separator, not a domain',
    expect: ok({
      ...hub('library/a.b'),
      effectiveTag: 'latest',
      familiar: 'a.b',
      kind: 'official',
    }),
  },
  {
    input: 'a__b',
    why: 'two underscores are one separator',
    expect: ok({
      ...hub('library/a__b'),
      effectiveTag: 'latest',
      familiar: 'a__b',
      kind: 'official',
    }),
  },
  {
    input: 'a-----b',
    why: 'any number of dashes is one separator',
    expect: ok({
      ...hub('library/a-----b'),
      effectiveTag: 'latest',
      familiar: 'a-----b',
      kind: 'official',
    }),
  },
  {
    input: 'app:MyTag_1.0-rc',
    why: 'tags may contain capitals, underscores, dots and dashes',
    expect: ok({
      ...hub('library/app', ':MyTag_1.0-rc'),
      tag: 'MyTag_1.0-rc',
      effectiveTag: 'MyTag_1.0-rc',
      familiar: 'app',
      kind: 'official',
    }),
  },
  {
    input: 'app:_tag',
    why: 'a tag may start with an underscore (a word character)',
    expect: ok({
      ...hub('library/app', ':_tag'),
      tag: '_tag',
      effectiveTag: '_tag',
      familiar: 'app',
      kind: 'official',
    }),
  },
  {
    input: `app:${'t'.repeat(128)}`,
    why: 'a tag may be 128 characters long',
    expect: ok({
      ...hub('library/app', `:${'t'.repeat(128)}`),
      tag: 't'.repeat(128),
      effectiveTag: 't'.repeat(128),
      familiar: 'app',
      kind: 'official',
    }),
  },
  {
    input: A247,
    why: 'the 255-character limit counts the path "library/" + 247 characters',
    expect: ok({
      ...hub(`library/${A247}`),
      effectiveTag: 'latest',
      familiar: A247,
      kind: 'official',
    }),
    legacyDaemonError: `Error response from daemon: ${TOO_LONG}`,
  },

  // --- Docker Hub user and organisation repositories ---------------------------------------
  {
    input: 'user/app',
    why: 'a user repository on Docker Hub',
    expect: ok({ ...hub('user/app'), effectiveTag: 'latest', familiar: 'user/app', kind: 'user' }),
  },
  {
    input: 'user/app:v1',
    why: 'a user repository with a tag',
    expect: ok({
      ...hub('user/app', ':v1'),
      tag: 'v1',
      effectiveTag: 'v1',
      familiar: 'user/app',
      kind: 'user',
    }),
  },
  {
    input: 'docker.io/user/app',
    why: 'docker.io is dropped from the familiar name',
    expect: ok({ ...hub('user/app'), effectiveTag: 'latest', familiar: 'user/app', kind: 'user' }),
  },
  {
    input: 'library/a/b',
    why: 'library/ is only dropped from the familiar name when nothing is nested below it',
    expect: ok({
      ...hub('library/a/b'),
      effectiveTag: 'latest',
      familiar: 'library/a/b',
      kind: 'user',
    }),
  },

  // --- Other registries ----------------------------------------------------------------------
  {
    input: 'localhost/app',
    why: 'localhost before a slash is always a registry',
    expect: ok({
      registry: 'localhost',
      namespace: '',
      repository: 'app',
      effectiveTag: 'latest',
      familiar: 'localhost/app',
      canonical: 'localhost/app:latest',
      kind: 'self-hosted',
    }),
  },
  {
    input: 'localhost:5000/app',
    why: 'a registry with a port; no library/ outside Docker Hub',
    expect: ok({
      registry: 'localhost:5000',
      namespace: '',
      repository: 'app',
      effectiveTag: 'latest',
      familiar: 'localhost:5000/app',
      canonical: 'localhost:5000/app:latest',
      kind: 'self-hosted',
    }),
  },
  {
    input: 'localhost:5000/a/b:tag',
    why: 'a nested path on a private registry',
    expect: ok({
      registry: 'localhost:5000',
      namespace: 'a',
      repository: 'b',
      tag: 'tag',
      effectiveTag: 'tag',
      familiar: 'localhost:5000/a/b',
      canonical: 'localhost:5000/a/b:tag',
      kind: 'self-hosted',
    }),
  },
  {
    input: 'example:5000/app',
    why: 'a port makes a first component without dots a registry',
    expect: ok({
      registry: 'example:5000',
      namespace: '',
      repository: 'app',
      effectiveTag: 'latest',
      familiar: 'example:5000/app',
      canonical: 'example:5000/app:latest',
      kind: 'self-hosted',
    }),
  },
  {
    input: 'my.registry.com/x',
    why: 'a dot makes the first component a registry',
    expect: ok({
      registry: 'my.registry.com',
      namespace: '',
      repository: 'x',
      effectiveTag: 'latest',
      familiar: 'my.registry.com/x',
      canonical: 'my.registry.com/x:latest',
      kind: 'self-hosted',
    }),
  },
  {
    input: 'ghcr.io/owner/team/tool:1.0',
    why: 'the namespace is everything between the registry and the last component',
    expect: ok({
      registry: 'ghcr.io',
      namespace: 'owner/team',
      repository: 'tool',
      tag: '1.0',
      effectiveTag: '1.0',
      familiar: 'ghcr.io/owner/team/tool',
      canonical: 'ghcr.io/owner/team/tool:1.0',
      kind: 'self-hosted',
    }),
  },
  {
    input: '127.0.0.1:5000/app',
    why: 'an IPv4 address is a registry',
    expect: ok({
      registry: '127.0.0.1:5000',
      namespace: '',
      repository: 'app',
      effectiveTag: 'latest',
      familiar: '127.0.0.1:5000/app',
      canonical: '127.0.0.1:5000/app:latest',
      kind: 'self-hosted',
    }),
  },
  {
    input: '[::1]:5000/app',
    why: 'an IPv6 registry goes in brackets',
    expect: ok({
      registry: '[::1]:5000',
      namespace: '',
      repository: 'app',
      effectiveTag: 'latest',
      familiar: '[::1]:5000/app',
      canonical: '[::1]:5000/app:latest',
      kind: 'self-hosted',
    }),
    legacyDaemonError: `Error response from daemon: ${INVALID}`,
  },
  {
    input: 'Foo.com/x',
    why: 'a registry host may contain capitals (kept as written), the path may not',
    expect: ok({
      registry: 'Foo.com',
      namespace: '',
      repository: 'x',
      effectiveTag: 'latest',
      familiar: 'Foo.com/x',
      canonical: 'Foo.com/x:latest',
      kind: 'self-hosted',
    }),
  },
  {
    input: 'UPPER/app',
    why: 'a first component with capitals is taken as a registry host, since a path cannot have them',
    expect: ok({
      registry: 'UPPER',
      namespace: '',
      repository: 'app',
      effectiveTag: 'latest',
      familiar: 'UPPER/app',
      canonical: 'UPPER/app:latest',
      kind: 'self-hosted',
    }),
    legacyDaemonError: `Error response from daemon: ${INVALID}: repository name must be lowercase`,
  },
  {
    input: `x.io/${'a'.repeat(255)}`,
    why: 'the registry host does not count toward the 255-character limit',
    expect: ok({
      registry: 'x.io',
      namespace: '',
      repository: 'a'.repeat(255),
      effectiveTag: 'latest',
      familiar: `x.io/${'a'.repeat(255)}`,
      canonical: `x.io/${'a'.repeat(255)}:latest`,
      kind: 'self-hosted',
    }),
    legacyDaemonError: `Error response from daemon: ${TOO_LONG}`,
  },

  // --- Digests -------------------------------------------------------------------------------
  {
    input: `app@${SHA256}`,
    why: 'a digest pins the content; no default tag is added',
    expect: ok({
      ...hub('library/app', `@${SHA256}`),
      digest: SHA256,
      familiar: 'app',
      kind: 'official',
    }),
  },
  {
    input: `app:v1@${SHA256}`,
    why: 'a tag and a digest together (the digest wins when pulling)',
    expect: ok({
      ...hub('library/app', `:v1@${SHA256}`),
      tag: 'v1',
      effectiveTag: 'v1',
      digest: SHA256,
      familiar: 'app',
      kind: 'official',
    }),
  },
  {
    input: `host:5000/a/b:tag@${SHA256}`,
    why: 'every part at once: registry, namespace, repository, tag, digest',
    expect: ok({
      registry: 'host:5000',
      namespace: 'a',
      repository: 'b',
      tag: 'tag',
      effectiveTag: 'tag',
      digest: SHA256,
      familiar: 'host:5000/a/b',
      canonical: `host:5000/a/b:tag@${SHA256}`,
      kind: 'self-hosted',
    }),
  },
  {
    input: `app@${SHA512}`,
    why: 'sha512 digests have 128 hex digits',
    expect: ok({
      ...hub('library/app', `@${SHA512}`),
      digest: SHA512,
      familiar: 'app',
      kind: 'official',
    }),
  },
  {
    input: `[::1]:5000/app@${SHA256}`,
    why: 'an IPv6 registry with a digest',
    expect: ok({
      registry: '[::1]:5000',
      namespace: '',
      repository: 'app',
      digest: SHA256,
      familiar: '[::1]:5000/app',
      canonical: `[::1]:5000/app@${SHA256}`,
      kind: 'self-hosted',
    }),
    legacyDaemonError: `Error response from daemon: no such image: [::1]:5000/app@${SHA256}: ${INVALID}`,
  },
  {
    input: 'app@sha256:abc',
    why: 'fewer than 32 hex digits does not even look like a digest',
    expect: bad(INVALID),
  },
  {
    input: `app@sha256:${HEX64.slice(0, 32)}`,
    why: 'sha256 needs exactly 64 hex digits',
    expect: bad('invalid checksum digest length'),
  },
  {
    input: `app@sha256:${HEX64.slice(0, 63)}`,
    why: 'one hex digit short',
    expect: bad('invalid checksum digest length'),
  },
  {
    input: `app@sha256:${HEX64.toUpperCase()}`,
    why: 'digest hex must be lowercase',
    expect: bad('invalid checksum digest format'),
  },
  {
    input: `app@md5:${HEX64.slice(0, 32)}`,
    why: 'only sha256, sha384 and sha512 are supported',
    expect: bad('unsupported digest algorithm'),
  },
  {
    input: `app:v1@SHA256:${HEX64}`,
    why: 'the algorithm name must be lowercase',
    expect: bad('invalid checksum digest format'),
  },
  {
    input: `app@SHA256:${HEX64}`,
    why: 'without a tag the uppercase algorithm is read as part of the repository name',
    expect: bad('invalid reference format: repository name (library/app@SHA256) must be lowercase'),
  },
  {
    input: HEX64,
    why: 'a 64-hex string is an image ID, never a repository name',
    expect: bad(`invalid repository name (${HEX64}), cannot specify 64-byte hexadecimal strings`),
  },
  { input: 'app@', why: 'an @ without a digest', expect: bad(INVALID) },
  { input: 'ubuntu@latest', why: 'a tag goes after ":", not "@"', expect: bad(INVALID) },

  // --- Invalid names and tags ------------------------------------------------------------------
  {
    input: 'Ubuntu',
    why: 'repository names are lowercase; the message shows the normalised path',
    expect: bad('invalid reference format: repository name (library/Ubuntu) must be lowercase'),
  },
  {
    input: 'user/App',
    why: 'capitals anywhere in the path',
    expect: bad('invalid reference format: repository name (user/App) must be lowercase'),
  },
  {
    input: 'localhost:5000/App',
    why: 'capitals in the path on a private registry',
    expect: bad('invalid reference format: repository name (App) must be lowercase'),
  },
  { input: '', why: 'an empty reference', expect: bad(INVALID) },
  { input: 'a//b', why: 'empty path component', expect: bad(INVALID) },
  { input: 'a/-b', why: 'a component cannot start with a separator', expect: bad(INVALID) },
  { input: '-app', why: 'a name cannot start with a dash', expect: bad(INVALID) },
  { input: 'app-', why: 'a name cannot end with a separator', expect: bad(INVALID) },
  { input: 'a..b', why: 'only one period in a row', expect: bad(INVALID) },
  { input: 'a___b', why: 'at most two underscores in a row', expect: bad(INVALID) },
  { input: 'a.-b', why: 'separators cannot be combined', expect: bad(INVALID) },
  { input: 'app/', why: 'trailing slash', expect: bad(INVALID) },
  { input: '/app', why: 'leading slash', expect: bad(INVALID) },
  { input: 'my app', why: 'spaces are not allowed', expect: bad(INVALID) },
  { input: 'app:v1 ', why: 'a trailing space is part of the tag', expect: bad(INVALID) },
  { input: 'app:', why: 'a colon without a tag', expect: bad(INVALID) },
  { input: ':tag', why: 'a tag without a name', expect: bad(INVALID) },
  { input: 'app:-tag', why: 'a tag cannot start with a dash', expect: bad(INVALID) },
  { input: 'app:.tag', why: 'a tag cannot start with a period', expect: bad(INVALID) },
  { input: `app:${'t'.repeat(129)}`, why: 'a tag is at most 128 characters', expect: bad(INVALID) },
  { input: 'app:tag:tag', why: 'only one tag', expect: bad(INVALID) },
  { input: 'app:v1/x', why: 'a slash in a tag', expect: bad(INVALID) },
  {
    input: 'localhost:5000:tag',
    why: 'without a slash, "localhost" is the name and "5000:tag" is not a valid tag',
    expect: bad(INVALID),
  },
  { input: 'http://host/app', why: 'no URL scheme in image references', expect: bad(INVALID) },
  { input: 'host:port/app', why: 'a port is digits only', expect: bad(INVALID) },
  {
    input: A248,
    why: '"library/" + 248 characters is 256, over the limit',
    expect: bad(TOO_LONG),
  },
  {
    input: `x.io/${'a'.repeat(256)}`,
    why: 'a 256-character path is too long on any registry',
    expect: bad(TOO_LONG),
  },
];

/** A short, readable label for a test name (some inputs are hundreds of characters). */
export function caseLabel(input: string): string {
  const shown = input.length > 48 ? `${input.slice(0, 40)}…(${input.length} chars)` : input;
  return JSON.stringify(shown);
}
