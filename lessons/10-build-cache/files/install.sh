#!/bin/sh
# Pretends to install each dependency in deps.txt, slowly, like a real
# package manager would. Each one becomes a file under vendor/.
set -e
mkdir -p vendor
while read -r name version; do
  [ -n "$name" ] || continue
  sleep 1
  echo "$version" > "vendor/$name"
  echo "installed $name $version"
done < deps.txt
