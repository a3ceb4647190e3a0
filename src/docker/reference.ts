/**
 * Docker image references, parsed and normalised exactly like the docker CLI does it:
 * `ParseNormalizedNamed` + `TagNameOnly` of github.com/distribution/reference (v0.6, the
 * version in docker CLI 28) with digests checked like github.com/opencontainers/go-digest
 * v1.0.0. Error reasons are Docker's own strings, so a lesson can show the learner the same
 * words `docker tag` prints.
 *
 * Plain TypeScript on purpose (no process spawning, no Ink): lessons, quizzes and labs use it.
 */

/** The registry a familiar name such as `ubuntu` or `user/app` lives on (Docker Hub). */
export const DEFAULT_REGISTRY = 'docker.io';
/** The old "Docker Index" host; the parser rewrites it to docker.io. */
export const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
/** Docker Hub's namespace for official images: `ubuntu` is `docker.io/library/ubuntu`. */
export const OFFICIAL_NAMESPACE = 'library';
/** The tag docker adds when a reference has neither a tag nor a digest. */
export const DEFAULT_TAG = 'latest';
/** distribution/reference RepositoryNameTotalLengthMax: applies to the path, not the domain. */
export const MAX_PATH_LENGTH = 255;

// ---------------------------------------------------------------------------------------
// The grammar, built piece by piece like distribution/reference's regexp.go so that each
// rule can be read against the original. JavaScript and Go's RE2 agree on these patterns:
// no lookarounds or backreferences, and `\w` is ASCII-only in both.

/** Lowercase letters and digits: the atoms of a path component. */
const ALPHANUMERIC = '[a-z0-9]+';
/** One period, one or two underscores, or any number of dashes (`a.b`, `a__b`, `a---b`). */
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
/** `library/ubuntu`, `user/app`, `a/b/c`: one or more path components joined by `/`. */
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
/** A DNS label; unlike the path, a domain may contain uppercase letters. */
const DOMAIN_NAME_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*`;
/** IPv6 literal in brackets, e.g. `[::1]` (no zone identifiers). */
const IPV6_ADDRESS = '\\[(?:[a-fA-F0-9:]+)\\]';
const HOST = `(?:${DOMAIN_NAME}|${IPV6_ADDRESS})`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
/** Up to 128 characters: a word character first, then word characters, `.` and `-`. */
const TAG = '[\\w][\\w.-]{0,127}';
/** algorithm:hex with at least 32 hex digits; go-digest then checks the exact length. */
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;

const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME_RE = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const ANCHORED_TAG_RE = new RegExp(`^${TAG}$`);
/** A bare image ID: docker refuses it as a repository name. */
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;

// go-digest v1.0.0: the algorithms it knows, their hex length, and its own loose pattern
// that decides between "unsupported digest algorithm" and "invalid checksum digest format".
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const GO_DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

// ---------------------------------------------------------------------------------------

/** Docker's own error texts (distribution/reference and go-digest). */
export const REASONS = {
  invalidFormat: 'invalid reference format',
  /** From distribution/reference Parse; the usual uppercase error comes from uppercasePath. */
  nameContainsUppercase: 'repository name must be lowercase',
  nameTooLong: `repository name must not be more than ${MAX_PATH_LENGTH} characters`,
  /** Only from WithTag (retagging with a bad tag); parsing reports invalidFormat instead. */
  tagInvalidFormat: 'invalid tag format',
  digestInvalidFormat: 'invalid checksum digest format',
  digestInvalidLength: 'invalid checksum digest length',
  digestUnsupported: 'unsupported digest algorithm',
  uppercasePath: (path: string) =>
    `invalid reference format: repository name (${path}) must be lowercase`,
  hexIdentifier: (input: string) =>
    `invalid repository name (${input}), cannot specify 64-byte hexadecimal strings`,
} as const;

export type InvalidReferenceCode =
  | 'invalid-format'
  | 'uppercase'
  | 'name-too-long'
  | 'tag-invalid'
  | 'digest-invalid'
  | 'digest-length'
  | 'digest-unsupported'
  | 'hex-identifier';

/** A string docker would refuse as an image reference. `reason` is Docker's exact text. */
export class InvalidReferenceError extends Error {
  override readonly name = 'InvalidReferenceError';
  constructor(
    readonly input: string,
    readonly reason: string,
    readonly code: InvalidReferenceCode,
  ) {
    super(reason);
  }

  /** The whole line `docker tag SOURCE <input>` prints on stderr for this input (CLI 28). */
  get tagCommandMessage(): string {
    return `Error parsing reference: "${this.input}" is not a valid repository/tag: ${this.reason}`;
  }
}

/**
 * Where an image lives: an official image on Docker Hub (`docker.io/library/*`), a user's or
 * organisation's repository on Docker Hub, or any other registry host.
 */
export type ReferenceKind = 'official' | 'user' | 'self-hosted';

export interface ParsedReference {
  /** The string as given. */
  input: string;
  /** Registry host (and port): `docker.io`, `localhost:5000`, `ghcr.io`, `[::1]:5000`. */
  registry: string;
  /** The path before the last component: `library`, `user`, `a/b`, or '' when there is none. */
  namespace: string;
  /** The last path component: `ubuntu` in `docker.io/library/ubuntu`. */
  repository: string;
  /** The full path on the registry: `library/ubuntu`. */
  path: string;
  /** The tag as written, if any. */
  tag: string | undefined;
  /** The tag docker uses: the written one, else `latest` when there is no digest. */
  effectiveTag: string | undefined;
  /** `algorithm:hex` as written, if any. */
  digest: string | undefined;
  /** Canonical repository name: `docker.io/library/ubuntu`. */
  name: string;
  /** The short name docker displays: `ubuntu`, `user/app`, `localhost:5000/app`. */
  familiar: string;
  /** Fully qualified reference with the default tag applied: `docker.io/library/ubuntu:latest`. */
  canonical: string;
  /** What docker prints in lists such as RepoTags: `ubuntu:latest`, `app@sha256:...`. */
  familiarString: string;
  kind: ReferenceKind;
}

/**
 * Parses an image reference the way `docker tag`, `docker pull` and `docker run` do, and
 * throws InvalidReferenceError with Docker's message when docker would refuse it.
 */
export function parseReference(input: string): ParsedReference {
  const fail = (reason: string, code: InvalidReferenceCode): never => {
    throw new InvalidReferenceError(input, reason, code);
  };

  // A 64-hex string is an image ID, never a name.
  if (IDENTIFIER_RE.test(input)) fail(REASONS.hexIdentifier(input), 'hex-identifier');

  const split = splitDockerDomain(input);
  // Only the text before the first ':' is checked here (so `ubuntu:MyTag` is fine, the tag
  // may hold capitals). The message quotes the normalised path: `library/Ubuntu`.
  const colon = split.remainder.indexOf(':');
  const remote = colon === -1 ? split.remainder : split.remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) fail(REASONS.uppercasePath(remote), 'uppercase');

  const full = `${split.domain}/${split.remainder}`;
  const match = REFERENCE_RE.exec(full);
  if (!match) {
    const lower = full.toLowerCase();
    if (lower !== full && REFERENCE_RE.test(lower))
      fail(REASONS.nameContainsUppercase, 'uppercase');
    return fail(REASONS.invalidFormat, 'invalid-format');
  }
  const [, nameMatch = '', tag, digest] = match;

  // Like Parse, take domain and path from the grammar, not from splitDockerDomain.
  const nameParts = ANCHORED_NAME_RE.exec(nameMatch);
  const registry = nameParts?.[1] ?? '';
  const path = nameParts?.[2] ?? nameMatch;
  if (path.length > MAX_PATH_LENGTH) fail(REASONS.nameTooLong, 'name-too-long');

  if (digest !== undefined) {
    const problem = checkDigest(digest);
    if (problem) fail(problem.reason, problem.code);
  }

  return buildReference(input, registry, path, tag, digest);
}

/** Like parseReference, but returns undefined instead of throwing. */
export function tryParseReference(input: string): ParsedReference | undefined {
  try {
    return parseReference(input);
  } catch (error) {
    if (error instanceof InvalidReferenceError) return undefined;
    throw error;
  }
}

/** True when `tag` is a valid tag on its own (`[\w][\w.-]{0,127}`). */
export function isValidTag(tag: string): boolean {
  return ANCHORED_TAG_RE.test(tag);
}

/**
 * The same repository with another tag, like distribution/reference WithTag: a bad tag
 * throws "invalid tag format". A digest, if any, is kept.
 */
export function withTag(ref: ParsedReference, tag: string): ParsedReference {
  if (!isValidTag(tag))
    throw new InvalidReferenceError(tag, REASONS.tagInvalidFormat, 'tag-invalid');
  const input = `${ref.name}:${tag}${ref.digest ? `@${ref.digest}` : ''}`;
  return buildReference(input, ref.registry, ref.path, tag, ref.digest);
}

/**
 * The short name docker shows: Docker Hub's domain is dropped, and `library/` too when
 * nothing is nested below it (`docker.io/library/a/b` stays `library/a/b`).
 */
export function familiarName(ref: Pick<ParsedReference, 'registry' | 'path'>): string {
  if (ref.registry !== DEFAULT_REGISTRY)
    return ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
  const prefix = `${OFFICIAL_NAMESPACE}/`;
  if (ref.path.startsWith(prefix) && !ref.path.slice(prefix.length).includes('/')) {
    return ref.path.slice(prefix.length);
  }
  return ref.path;
}

/**
 * distribution/reference splitDockerDomain: is the first `/`-separated part a registry?
 * Only when it is `localhost`, contains `.` or `:`, or has an uppercase letter (a path can't).
 * Without a `/` at all it never is: `localhost:5000` alone is the image `localhost`, tag 5000.
 */
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { domain: DEFAULT_REGISTRY, remainder: `${OFFICIAL_NAMESPACE}/${name}` };

  const first = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  let domain: string;
  let remainder: string;
  if (first === 'localhost') [domain, remainder] = [first, rest];
  else if (first === LEGACY_DEFAULT_REGISTRY) [domain, remainder] = [DEFAULT_REGISTRY, rest];
  else if (/[.:]/.test(first)) [domain, remainder] = [first, rest];
  else if (first.toLowerCase() !== first) [domain, remainder] = [first, rest];
  else [domain, remainder] = [DEFAULT_REGISTRY, name];

  // `docker.io/ubuntu` means `docker.io/library/ubuntu`, but only on Docker Hub.
  if (domain === DEFAULT_REGISTRY && !remainder.includes('/')) {
    remainder = `${OFFICIAL_NAMESPACE}/${remainder}`;
  }
  return { domain, remainder };
}

/** go-digest v1.0.0 Digest.Validate, for a string that already matched the grammar. */
function checkDigest(digest: string): { reason: string; code: InvalidReferenceCode } | undefined {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) {
    // go-digest's own pattern wants a lowercase algorithm: `SHA256:` is a format error.
    return GO_DIGEST_RE.test(digest)
      ? { reason: REASONS.digestUnsupported, code: 'digest-unsupported' }
      : { reason: REASONS.digestInvalidFormat, code: 'digest-invalid' };
  }
  if (hex.length !== length) return { reason: REASONS.digestInvalidLength, code: 'digest-length' };
  if (!/^[a-f0-9]+$/.test(hex))
    return { reason: REASONS.digestInvalidFormat, code: 'digest-invalid' };
  return undefined;
}

function buildReference(
  input: string,
  registry: string,
  path: string,
  tag: string | undefined,
  digest: string | undefined,
): ParsedReference {
  const lastSlash = path.lastIndexOf('/');
  const namespace = lastSlash === -1 ? '' : path.slice(0, lastSlash);
  const repository = path.slice(lastSlash + 1);
  const name = registry ? `${registry}/${path}` : path;
  const familiar = familiarName({ registry, path });
  // TagNameOnly: `latest` only when the reference names neither a tag nor a digest.
  const effectiveTag = tag ?? (digest === undefined ? DEFAULT_TAG : undefined);
  const suffix = `${effectiveTag !== undefined ? `:${effectiveTag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  const kind: ReferenceKind =
    registry !== DEFAULT_REGISTRY
      ? 'self-hosted'
      : namespace === OFFICIAL_NAMESPACE
        ? 'official'
        : 'user';
  return {
    input,
    registry,
    namespace,
    repository,
    path,
    tag,
    effectiveTag,
    digest,
    name,
    familiar,
    canonical: `${name}${suffix}`,
    familiarString: `${familiar}${suffix}`,
    kind,
  };
}
