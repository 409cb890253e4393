#!/usr/bin/env bash
# Tools the test suite drives that pip cannot install: Neo4j's Cypher parser (npm, run by Node) and a
# headless browser for the HTML views (Debian's chromium, with a CJK font so Chinese labels render).
# Idempotent and quiet; installs with apt what is missing (needs root, as in CI).
set -euo pipefail
cd "$(dirname "$0")"
missing=()
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
command -v chromium >/dev/null || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -d cypher_lint/node_modules/@neo4j-cypher/language-support ]; then
    npm ci --prefix cypher_lint --no-audit --no-fund --silent
fi
