#!/usr/bin/env bash
# The step of action.yml, the GitHub Action: install unspin from the action's own checkout, run
# `unspin check` with GitHub annotations (or SARIF into a file), set the step's outputs, and fail
# the step on findings unless told not to. The inputs arrive as INPUT_* variables (action.yml maps
# them); tests/test_action.py runs this script as the runner would.
#
#   GITHUB_ACTION_PATH      the action's checkout (set by the runner)
#   INPUT_PATHS             files and folders, shell-style words (default: .)
#   INPUT_ARGS              more options for `unspin check`, shell-style words
#   INPUT_SARIF_FILE        write SARIF here instead of printing annotations
#   INPUT_FAIL_ON_FINDINGS  true (default) or false
#   INPUT_EXTRAS            extras to install with unspin (e.g. harper)
#   INPUT_INSTALL           true (default): install into $RUNNER_TEMP/unspin-action-venv; false: the unspin on PATH
#   GITHUB_OUTPUT           where the outputs `findings` and `exit-code` are written, when set
#   GITHUB_STEP_SUMMARY     where one summary line is added, when set
#
# Exit code: 0 clean (or findings with fail-on-findings false), 1 findings, 2 bad input, options
# or configuration (always), whatever else unspin returned otherwise.
set -euo pipefail

fail() {
    echo "::error title=unspin action::$1"
    exit 2
}

flag() { # $1 becomes true or false, from the ways a workflow may spell them
    case "$(printf '%s' "$2" | tr '[:upper:]' '[:lower:]')" in
        true | yes | on | 1) eval "$1=true" ;;
        false | no | off | 0) eval "$1=false" ;;
        *) fail "$3 must be true or false, not '$2'" ;;
    esac
}

action_path=${GITHUB_ACTION_PATH:-}
[ -n "$action_path" ] || fail "GITHUB_ACTION_PATH is not set (this script is the step of action.yml)"
flag fail_on_findings "${INPUT_FAIL_ON_FINDINGS:-true}" fail-on-findings
flag install "${INPUT_INSTALL:-true}" install
extras=${INPUT_EXTRAS:-}
sarif_file=${INPUT_SARIF_FILE:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$install" = true ]; then
    venv="${RUNNER_TEMP:-$work}/unspin-action-venv"
    echo "::group::Install unspin from $action_path${extras:+ with [$extras]}"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --disable-pip-version-check "$action_path${extras:+[$extras]}"
    echo "::endgroup::"
    unspin="$venv/bin/unspin"
    python="$venv/bin/python"
else
    unspin=$(command -v unspin) || fail "install is false, but there is no unspin on PATH"
    python=python3
fi

# shell-style words (quotes for names with spaces), NUL-separated, into an array (bash 3.2 has no mapfile)
words() {
    "$python" -c 'import shlex, sys; sys.stdout.write("".join(w + "\0" for w in shlex.split(sys.argv[1])))' "$1" \
        >"$work/words" 2>"$work/words.err" || fail "$2: $(tail -n 1 "$work/words.err")"
}
paths=()
words "${INPUT_PATHS:-}" paths
while IFS= read -r -d '' w; do paths+=("$w"); done <"$work/words"
[ ${#paths[@]} -gt 0 ] || paths=(.)
args=()
words "${INPUT_ARGS:-}" args
while IFS= read -r -d '' w; do args+=("$w"); done <"$work/words"

set +e
if [ -n "$sarif_file" ]; then
    mkdir -p "$(dirname "$sarif_file")"
    "$unspin" check --format sarif ${args[@]+"${args[@]}"} -- "${paths[@]}" >"$sarif_file"
    code=$?
    findings=$("$python" -c 'import json, sys; print(sum(len(r["results"]) for r in json.load(open(sys.argv[1]))["runs"]))' \
        "$sarif_file" 2>/dev/null)
else
    "$unspin" check --format github ${args[@]+"${args[@]}"} -- "${paths[@]}" >"$work/annotations"
    code=$?
    cat "$work/annotations"
    findings=$(grep -c -E '^::(warning|notice|error) ' "$work/annotations")
fi
set -e
findings=${findings:-0}

if [ -n "${GITHUB_OUTPUT:-}" ]; then
    {
        echo "findings=$findings"
        echo "exit-code=$code"
    } >>"$GITHUB_OUTPUT"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    echo "unspin: $findings findings in ${paths[*]}${sarif_file:+ (SARIF: $sarif_file)}" >>"$GITHUB_STEP_SUMMARY"
fi

case $code in
    0) exit 0 ;;
    1)
        if [ "$fail_on_findings" = true ]; then
            echo "unspin: $findings findings; the step fails (set fail-on-findings: false to only report them)" >&2
            exit 1
        fi
        exit 0
        ;;
    *) exit "$code" ;;
esac
