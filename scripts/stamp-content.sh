#!/usr/bin/env bash
# Writes content/STAMP: a SHA-256 over every built-in note (path and bytes). netprep compares it
# with the stamp it indexed last, so a command reads one small file instead of every note.
# A test fails when the stamp is stale: run this after editing content/.
set -euo pipefail
cd "$(dirname "$0")/../content"
python3 - <<'PY'
import hashlib, os
digest = hashlib.sha256()
paths = []
for root, dirs, files in os.walk('.'):
    dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
    for name in files:
        if name.endswith('.md') and not name.startswith('.'):
            paths.append(os.path.relpath(os.path.join(root, name), '.'))
for path in sorted(paths):
    digest.update(path.encode() + b'\0')
    with open(path, 'rb') as f:
        digest.update(f.read())
    digest.update(b'\0')
open('STAMP', 'w').write(digest.hexdigest() + '\n')
print('content/STAMP:', digest.hexdigest())
PY
