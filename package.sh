#!/usr/bin/env bash
# Build the installable HT Intel app:
#   build/htintel/           the app directory, with pinned pure-Python libraries in lib/
#   dist/htintel-<ver>.tgz   the package to install in Splunk
# then run AppInspect (precert, cloud) and fail on any failure or future failure.
#
# Usage: ./package.sh [--skip-appinspect]
#   PYTHON   interpreter with pip and splunk-appinspect (default: .venv/bin/python, else python3)
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
APP=htintel
BUILD="$ROOT/build"
STAGE="$BUILD/$APP"
DIST="$ROOT/dist"
WHEEL_CACHE="${HTINTEL_WHEEL_CACHE:-$BUILD/wheel-cache}"
PYTHON=${PYTHON:-$([ -x .venv/bin/python ] && echo .venv/bin/python || echo python3)}
RUN_APPINSPECT=1
[ "${1:-}" = "--skip-appinspect" ] && RUN_APPINSPECT=0

fail() { echo "package.sh: $*" >&2; exit 1; }

# Only these top-level entries are part of the app; tests/, tools/, build files and
# dotfiles never ship.
APP_ENTRIES=(app.manifest README.md LICENSE default README bin lookups appserver static metadata)

VERSION=$(sed -n '/^\[id\]/,/^\[/{s/^version *= *//p}' default/app.conf | head -n1)
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "default/app.conf [id] version '$VERSION' is not semver (X.Y.Z)"

echo "Building $APP $VERSION"
rm -rf "$STAGE" && mkdir -p "$STAGE" "$DIST" "$WHEEL_CACHE"

# 1. A clean copy of the tree: tracked and untracked-but-not-ignored files only.
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z --cached --others --exclude-standard -- "${APP_ENTRIES[@]}" \
    | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf - | tar -xf - -C "$STAGE"
else
  for entry in "${APP_ENTRIES[@]}"; do [ -e "$entry" ] && cp -R "$entry" "$STAGE/"; done
fi
find "$STAGE" \( -name '__pycache__' -o -name '*.pyc' -o -name '.*' -o -name 'local' \) -prune -exec rm -rf {} +

# 2. Vendor the pinned runtime libraries. Each must be a pure-Python wheel for Python 3.9
#    (which also serves 3.13); sdist-only packages are built into wheels and checked the same.
REQ_HASH=$(sha256sum requirements.txt | cut -c1-16)
WHEELS="$WHEEL_CACHE/$REQ_HASH"
if [ ! -f "$WHEELS/.complete" ]; then
  rm -rf "$WHEELS" && mkdir -p "$WHEELS"
  grep -vE '^\s*(#|$)' requirements.txt | sed 's/\s*#.*//' | while read -r req; do
    if ! "$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: \
         --platform any --implementation py --abi none --python-version 3.9 \
         -d "$WHEELS" "$req" 2>/dev/null; then
      echo "  $req has no pure wheel on the index; building one from source"
      "$PYTHON" -m pip wheel --quiet --no-deps --no-binary=:all: -w "$WHEELS" "$req" \
        || fail "cannot build a wheel for $req"
    fi
  done
  touch "$WHEELS/.complete"
fi
for wheel in "$WHEELS"/*.whl; do
  case "$(basename "$wheel")" in
    *-none-any.whl) ;;
    *) fail "$(basename "$wheel") is not a pure-Python wheel; Splunk Cloud rejects compiled code" ;;
  esac
done
"$PYTHON" -m pip install --quiet --no-deps --no-compile --target "$STAGE/lib" "$WHEELS"/*.whl \
  || fail "pip could not install the vendored wheels"

# 3. Trim what Splunk never runs: console scripts, tests, bytecode, splunklib's AI extras.
rm -rf "$STAGE/lib/bin" "$STAGE/lib/splunklib/ai"
find "$STAGE/lib" -depth \( -name '__pycache__' -o -name 'tests' -o -name 'test' \) -type d -exec rm -rf {} +
find "$STAGE/lib" \( -name '*.pyc' -o -name '*.pyi' -o -name 'py.typed' \) -delete
compiled=$(find "$STAGE" \( -name '*.so' -o -name '*.pyd' -o -name '*.dylib' -o -name '*.dll' \) -print)
[ -z "$compiled" ] || fail "compiled files would ship (Splunk Cloud and aarch64 reject them):
$compiled"

# 4. File modes: exec bits only on the bin/ entry points.
find "$STAGE" -type d -exec chmod 755 {} +
find "$STAGE" -type f -exec chmod 644 {} +
find "$STAGE/bin" -maxdepth 1 -type f -name '*.py' -exec chmod 755 {} +

# 5. The package: one top directory named after the app id.
TARBALL="$DIST/$APP-$VERSION.tgz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2024-01-01 00:00Z' \
  -C "$BUILD" -czf "$TARBALL" "$APP"

# 6. AppInspect, as Splunk Cloud vetting runs it. --ci exit codes: 0 clean, 103 warnings
#    only, 104 future failures, 101 failures.
if [ "$RUN_APPINSPECT" = 1 ]; then
  APPINSPECT=$(dirname "$PYTHON")/splunk-appinspect
  [ -x "$APPINSPECT" ] || APPINSPECT=splunk-appinspect
  REPORT="$DIST/$APP-$VERSION.appinspect.json"
  set +e
  "$APPINSPECT" inspect "$TARBALL" --mode precert --included-tags cloud --ci \
    --skip-trusted-libraries-update --data-format json --output-file "$REPORT" >"$DIST/appinspect.log" 2>&1
  status=$?
  set -e
  case "$status" in
    0 | 103) echo "AppInspect: no failures, no future failures (report: $REPORT)" ;;
    *)
      grep -E "^\s*(FAILURE|FUTURE_FAILURE|ERROR)|check_" "$DIST/appinspect.log" | head -n 60 >&2 || true
      fail "AppInspect found failures or future failures (exit $status); see $DIST/appinspect.log" ;;
  esac
fi

echo "Package: $TARBALL"
echo "App directory: $STAGE"
