#!/usr/bin/env bash
# Runs every ```bash block of the guides in api-docs/ against a hub at $HUB (default http://localhost:5080),
# each guide in one shell with `set -e`. The blocks are written to run from the repository root; here they run in
# a scratch folder that links src/ and schemas/, so the files they write do not land in the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
for guide in "$root"/api-docs/guide-*.md; do
    work=$(mktemp -d)
    ln -s "$root/src" "$work/src"
    ln -s "$root/schemas" "$work/schemas"
    for f in Directory.Build.props Directory.Packages.props global.json; do ln -s "$root/$f" "$work/$f"; done
    { echo 'set -euo pipefail'; awk '/^```bash$/{on=1; next} /^```$/{if(on){on=0; print ""}; next} on' "$guide"; } > "$work/guide.sh"
    if (cd "$work" && bash guide.sh) > "$work/out.txt" 2>&1; then
        echo "ok: api-docs/$(basename "$guide")"
    else
        echo "FAILED: api-docs/$(basename "$guide")"; cat "$work/out.txt"; status=1
    fi
done
exit $status
