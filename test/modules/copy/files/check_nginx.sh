#!/bin/sh
pgrep nginx >/dev/null
