#!/usr/bin/env bash
# Builds the local images the examples and Docker tests use, since no registry is reachable on CI machines:
#   dagger-test/busybox:latest  a busybox rootfs (every applet a symlink to /bin/busybox), PATH=/bin.
# Idempotent: an image that exists is kept (FORCE=1 rebuilds).
set -euo pipefail

IMAGE=dagger-test/busybox:latest

if [ "${FORCE:-}" != 1 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-test-images: $IMAGE present" >&2
  exit 0
fi

# The image has no libc: only a statically linked busybox works inside it.
BUSYBOX=$(command -v busybox || true)
if [ -z "$BUSYBOX" ] || ! { ldd "$BUSYBOX" 2>&1 || true; } | grep -q 'not a dynamic'; then
  echo "build-test-images: need a static busybox (apt-get install busybox-static)" >&2
  exit 1
fi

ROOTFS=$(mktemp -d)
trap 'rm -rf "$ROOTFS"' EXIT
mkdir -p "$ROOTFS/bin" "$ROOTFS/tmp" "$ROOTFS/etc" "$ROOTFS/root"
chmod 1777 "$ROOTFS/tmp"
cp "$BUSYBOX" "$ROOTFS/bin/busybox"
for applet in $("$ROOTFS/bin/busybox" --list); do
  # A link named busybox would replace the binary itself.
  [ "$applet" = busybox ] && continue
  ln -sf busybox "$ROOTFS/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' >"$ROOTFS/etc/passwd"
echo 'root:x:0:' >"$ROOTFS/etc/group"

tar -C "$ROOTFS" -c . | docker import --change 'ENV PATH=/bin' - "$IMAGE" >/dev/null
echo "build-test-images: built $IMAGE" >&2
