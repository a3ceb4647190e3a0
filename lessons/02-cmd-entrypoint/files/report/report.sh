#!/bin/sh
# Says which PID it runs as. docker stop sends SIGTERM to PID 1 only,
# so a server should be PID 1 itself, not a child of a shell.
echo "report.sh runs as PID $$"
