#!/usr/bin/env bash
# Builds the images dockdrill's labs and tests need, without any network access:
#   busybox:1.36  a rootfs of the static busybox binary, imported with `docker import`
#   registry:2    Debian's docker-registry binary with its libc, serving the v2 API on :5000
# Usable by developers, CI and instructors preparing an offline classroom. Idempotent: an
# image that already exists is left alone unless --force is given.
# Needs: docker (a reachable daemon), busybox-static, and docker-registry for registry:2.
set -euo pipefail

force=0
[ "${1:-}" = "--force" ] && force=1

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

find_busybox() {
  for candidate in /bin/busybox /usr/bin/busybox; do
    if [ -x "$candidate" ] && file_is_static "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}
# ldd prints "not a dynamic executable" (and exits 1) for a static binary.
file_is_static() { ! ldd "$1" >/dev/null 2>&1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_busybox() {
  if [ "$force" = 0 ] && have_image busybox:1.36; then echo "busybox:1.36 already present"; return; fi
  local bb
  bb=$(find_busybox) || { echo "error: a static busybox is needed: apt-get install busybox-static" >&2; exit 1; }
  local root="$work/busybox"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/proc" "$root/sys" "$root/dev" "$root/var"
  cp "$bb" "$root/bin/busybox"
  # One hard link per applet, so /bin/sh, /bin/ls, /bin/sleep ... all exist as in the real image.
  for applet in $("$bb" --list); do
    [ "$applet" = busybox ] || ln -f "$root/bin/busybox" "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
  chmod 1777 "$root/tmp"
  tar -C "$root" -cf - . | docker import \
    -c 'CMD ["sh"]' \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -m 'dockdrill offline busybox (busybox-static rootfs)' \
    - busybox:1.36 >/dev/null
  echo "made busybox:1.36"
}

make_registry() {
  if [ "$force" = 0 ] && have_image registry:2; then echo "registry:2 already present"; return; fi
  local bin=/usr/bin/docker-registry
  [ -x "$bin" ] || { echo "error: registry:2 needs Debian's docker-registry: apt-get install docker-registry" >&2; exit 1; }
  local root="$work/registry"
  mkdir -p "$root/usr/bin" "$root/etc/docker/registry" "$root/var/lib/registry" "$root/tmp"
  cp "$bin" "$root/usr/bin/docker-registry"
  # Copy the shared libraries and the loader the binary links against, keeping their paths.
  for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  cat >"$root/etc/docker/registry/config.yml" <<'YAML'
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
YAML
  chmod 1777 "$root/tmp"
  tar -C "$root" -cf - . | docker import \
    -c 'ENTRYPOINT ["/usr/bin/docker-registry", "serve"]' \
    -c 'CMD ["/etc/docker/registry/config.yml"]' \
    -c 'EXPOSE 5000' \
    -c 'VOLUME /var/lib/registry' \
    -m 'dockdrill offline registry:2 (Debian docker-registry)' \
    - registry:2 >/dev/null
  echo "made registry:2"
}

docker info >/dev/null 2>&1 || { echo "error: no Docker daemon answers; start it first (dockerd, or Docker Desktop)" >&2; exit 1; }
make_busybox
if [ "${SKIP_REGISTRY:-0}" != 1 ]; then make_registry; fi
