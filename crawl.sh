#!/usr/bin/env bash
# One command for a local crawl: installs what is missing, builds, and runs the
# whole pipeline on this machine.
#   ./crawl.sh URL [zcrawl run flags...]      e.g. ./crawl.sh https://example.org/ --out out
# Without --out the output goes to ./out.
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -lt 1 ]; then
    echo "usage: ./crawl.sh URL [zcrawl run flags...]" >&2
    exit 2
fi
scripts/setup.sh build
seed=$1
shift
out=()
case " $* " in *" --out "*|*" --out="*) ;; *) out=(--out out) ;; esac
exec build/bin/zcrawl run --seed "$seed" "${out[@]}" "$@"
