#!/bin/sh
# Stands in for a compiler: turns the "sources" into one small program,
# out/greet. The first argument is the version to stamp into it.
set -e
mkdir -p out
printf '#!/bin/sh\necho "Hello from greeter v%s"\n' "${1:-1}" > out/greet
chmod +x out/greet
