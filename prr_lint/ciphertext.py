"""Encrypted secrets that carry a `.py` name: ciphertext a deploy tool decrypts, never Python source.

A project may keep its secret settings module encrypted in the repository and have the deployment
decrypt it into place: werf stores `.helm/secret/production-keys.py` as one hex string and mounts the
plain file as the app's `keys.py` (REopt API, n75 UN025-UN027), ansible-vault writes a
`$ANSIBLE_VAULT;1.1;AES256` header then hex lines, git-crypt starts its files with `\\0GITCRYPT\\0`. Python
never reads these bytes, so a syntax error in them says nothing about the service: the file is not linted.
"""

from __future__ import annotations

import re

_HEADERS = (b"\x00GITCRYPT\x00", b"$ANSIBLE_VAULT;")
# One token of hex digits and nothing else: no Python statement looks like this, and a key of 256 bits is
# already 64 digits. `fullmatch` over one character class reads the bytes once.
_HEX_BLOB = re.compile(rb"[0-9a-fA-F]{64,}")


def is_ciphertext(data: bytes) -> bool:
    """Whether `data`, a file's bytes, is one of the encrypted-file formats above."""
    return data.startswith(_HEADERS) or _HEX_BLOB.fullmatch(data.strip()) is not None
