#!/usr/bin/env bash
# Installs moto's S3-compatible server, which the media storage tests start on a free local
# port (tests/store/s3.rs). Without it those tests print "skipped"; with MEDIA_REQUIRE_S3=1 they
# fail instead.
set -euo pipefail

if command -v moto_server >/dev/null 2>&1 && moto_server --help >/dev/null 2>&1; then
    echo "moto_server is installed"
    exit 0
fi

python3 -m pip install --quiet --disable-pip-version-check 'moto[server]>=5,<6'
# pyenv installs console scripts behind shims that need a rehash.
if command -v pyenv >/dev/null 2>&1; then
    pyenv rehash
fi
moto_server --help >/dev/null
echo "moto_server installed"
