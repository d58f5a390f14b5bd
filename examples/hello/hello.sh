#!/bin/sh
# Runs inside the build: proof that RUN steps execute.
echo "hello from $(uname -s) $(uname -m), built by Kiln"
