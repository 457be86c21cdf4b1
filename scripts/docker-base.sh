#!/usr/bin/env bash
# Makes a local Debian 12 (bookworm) base image without any container registry:
# debootstrap (minbase) from Debian's archive into a temporary folder, slimmed like
# the official -slim images, then `docker import`.
#
#   scripts/docker-base.sh [--force] [IMAGE]      (IMAGE default: zcrawl-base:bookworm)
#
# Then build zcrawl's image on it:
#   docker build -f deploy/Dockerfile --build-arg BASE=zcrawl-base:bookworm -t zcrawl .
#
# Idempotent: does nothing when IMAGE exists, unless --force. Installs debootstrap
# (apt-get) when it is missing. Needs root (debootstrap) or sudo. The temporary
# folder is removed on every exit path. ZC_DEBIAN_MIRROR overrides the mirror.
set -euo pipefail

FORCE=0
IMAGE=zcrawl-base:bookworm
SUITE=bookworm
MIRROR=${ZC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
for a in "$@"; do
    case $a in
    --force) FORCE=1 ;;
    -h | --help)
        sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "docker-base: unknown option '$a' (try --help)" >&2
        exit 2
        ;;
    *) IMAGE=$a ;;
    esac
done

if ! docker info >/dev/null 2>&1; then
    echo "docker-base: docker is not usable (is the daemon running, may this user use it?)" >&2
    exit 1
fi
if [ "$FORCE" = 0 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
    echo "docker-base: $IMAGE exists (--force makes it again)" >&2
    exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
if ! command -v debootstrap >/dev/null 2>&1 && [ ! -x /usr/sbin/debootstrap ]; then
    echo "docker-base: installing debootstrap" >&2
    $SUDO apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends debootstrap >&2
fi
DEBOOTSTRAP=$(command -v debootstrap || echo /usr/sbin/debootstrap)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/zcrawl-base.XXXXXX")
ROOT=$TMP/rootfs
cleanup() {
    # debootstrap mounts /proc and /sys inside the target while it works; a failed
    # run can leave them mounted, and nothing under a mount may be deleted.
    local m
    for m in $(awk -v p="$ROOT/" 'index($2, p) == 1 { print $2 }' /proc/mounts | sort -r); do
        $SUDO umount -l "$m" 2>/dev/null || true
    done
    $SUDO rm -rf --one-file-system "$TMP"
}
trap cleanup EXIT

echo "docker-base: debootstrap $SUITE (minbase) from $MIRROR" >&2
start=$(date +%s)
$SUDO "$DEBOOTSTRAP" --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >"$TMP/debootstrap.log" 2>&1 || {
    tail -n 30 "$TMP/debootstrap.log" >&2
    echo "docker-base: debootstrap failed" >&2
    exit 1
}

# What the official -slim images do: no documentation, manuals or translations, now
# or in later installs (the copyright files stay), and apt keeps no package files.
$SUDO tee "$ROOT/etc/dpkg/dpkg.cfg.d/docker-slim" >/dev/null <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
EOF
$SUDO tee "$ROOT/etc/apt/apt.conf.d/docker-clean" >/dev/null <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
$SUDO tee "$ROOT/etc/apt/sources.list" >/dev/null <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb http://deb.debian.org/debian-security $SUITE-security main
EOF
$SUDO find "$ROOT/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
$SUDO find "$ROOT/usr/share/doc" -mindepth 1 -type d -empty -delete
$SUDO rm -rf "$ROOT/usr/share/man/"* "$ROOT/usr/share/info/"* "$ROOT/usr/share/groff/"* \
    "$ROOT/usr/share/lintian/"* "$ROOT/usr/share/linda/"*
$SUDO find "$ROOT/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias \
    -exec rm -rf {} +
$SUDO rm -rf "$ROOT/var/cache/apt/"*.bin "$ROOT/var/cache/apt/archives/"*.deb \
    "$ROOT/var/lib/apt/lists/"* "$ROOT/var/log/"*.log "$ROOT/var/log/apt/"* \
    "$ROOT/var/cache/debconf/"*-old "$ROOT/var/lib/dpkg/"*-old "$ROOT/tmp/"*
# The engine provides these; an image must not carry the build host's.
$SUDO rm -f "$ROOT/etc/hostname" "$ROOT/etc/resolv.conf"
$SUDO truncate -s 0 "$ROOT/etc/machine-id" 2>/dev/null || true

$SUDO tar --numeric-owner -C "$ROOT" -c . |
    docker import \
        --change 'CMD ["bash"]' \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --message "debootstrap --variant=minbase $SUITE $MIRROR" \
        - "$IMAGE" >/dev/null
echo "docker-base: $IMAGE made in $(($(date +%s) - start)) s," \
    "$(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')" >&2
