#!/usr/bin/env bash
# The application core's shape (application-core issue), as figures a reviewer can re-run:
#   1. references from outside a feature's folder to its *Endpoints class (goal: 0);
#   2. C# files over 300 lines outside generated code (migrations, obj, bin) (goal: 0);
#   3. GraphQL resolvers that run REST in process (RestOperation, RestReads, RestQueries) (goal: 0).
#   bash bench/core-shape.sh
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(find src tests bench -name '*.cs' -not -path '*/Migrations/*' -not -path '*/obj/*' -not -path '*/bin/*' | sort)

echo "1. references to a feature's *Endpoints class from outside its folder"
total=0
for def in $(grep -l -E 'class [A-Za-z]+Endpoints\b' $files); do
    folder=$(dirname "$def")
    for class in $(grep -oE 'class [A-Za-z]+Endpoints\b' "$def" | awk '{print $2}'); do
        n=$( (grep -o -E "\b$class\." $(echo "$files" | grep -v "^$folder/") || true) | wc -l)
        if [ "$n" -gt 0 ]; then echo "   $class: $n"; total=$((total + n)); fi
    done
done
echo "   total: $total"
echo "1b. references to any *Endpoints class from any other file (routing's Map* extension calls aside)"
total=0
for def in $(grep -l -E 'class [A-Za-z]+Endpoints\b' $files); do
    for class in $(grep -oE 'class [A-Za-z]+Endpoints\b' "$def" | awk '{print $2}'); do
        n=$( (grep -o -E "\b$class\." $(echo "$files" | grep -v "^$def$") || true) | wc -l)
        if [ "$n" -gt 0 ]; then echo "   $class: $n"; total=$((total + n)); fi
    done
done
echo "   total: $total"

echo "2. C# files over 300 lines (outside migrations, obj, bin)"
long=0
for f in $files; do
    n=$(wc -l < "$f")
    if [ "$n" -gt 300 ]; then echo "   $n $f"; long=$((long + 1)); fi
done
echo "   total: $long"

echo "3. uses of REST-in-process from GraphQL"
n=$( (grep -o -E '\b(RestOperation|RestReads|RestQueries|RestMutations)\b' $files || true) | wc -l)
echo "   total: $n"
