#!/usr/bin/env bash
# Tools the test suite drives that pip cannot install: Neo4j's Cypher parser (npm, run by Node).
# Idempotent and quiet; installs Node with apt when it is missing (needs root, as in CI).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d cypher_lint/node_modules/@neo4j-cypher/language-support ]; then
    npm ci --prefix cypher_lint --no-audit --no-fund --silent
fi
