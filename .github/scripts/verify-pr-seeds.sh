#!/usr/bin/env bash
# Check the notes of a pull request with THIS checkout's code (main's), against the source texts.
#
#   .github/scripts/verify-pr-seeds.sh PULL_REQUEST_CHECKOUT [refsite check options]
#
# The pull request's checkout is data only: its seeds/ folder, folders and regular files and nothing
# else, is copied over this checkout's seeds/, then this checkout's own refsite checks it with
# --require-sources (REFSITE_SOURCES names the texts). Nothing else in the pull request's checkout
# is run, imported or read: not its Makefile, hooks, workflows, scripts or configuration.
# Meant for a throwaway checkout of main (CI's): this checkout's seeds/ is replaced.
# Used by .github/workflows/verify-pr-quotes.yml, and by tests/test_verify_pr_seeds.py.
set -euo pipefail

if [ "$#" -lt 1 ]; then
    echo "usage: $0 PULL_REQUEST_CHECKOUT [refsite check options]" >&2
    exit 2
fi
trusted="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
pull_request="$(cd "$1" && pwd -P)"
shift
if [ "$pull_request" = "$trusted" ]; then
    echo "verify-pr-seeds: $pull_request is this checkout; give the pull request's own checkout" >&2
    exit 2
fi
if [ ! -d "$pull_request/seeds" ] || [ -L "$pull_request/seeds" ]; then
    echo "verify-pr-seeds: $pull_request/seeds is not a folder" >&2
    exit 2
fi
# A symbolic link (or a device, a pipe...) could make the check read outside seeds/: refuse them all.
odd="$(cd "$pull_request" && find seeds ! -type d ! -type f -print)"
if [ -n "$odd" ]; then
    echo "verify-pr-seeds: only folders and regular files are accepted in seeds/, not:" >&2
    echo "$odd" >&2
    exit 2
fi

rm -rf "$trusted/seeds"
cp -R "$pull_request/seeds" "$trusted/seeds"
cd "$trusted"
exec "$trusted/.venv/bin/refsite" check --require-sources "$@"
