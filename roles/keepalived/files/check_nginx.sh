#!/bin/bash
# Keepalived health check: fails when nothing accepts connections on 127.0.0.1:80.
# bash's /dev/tcp needs no telnet, nc or curl (a minimal Debian has none of them).
timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/80' 2>/dev/null
