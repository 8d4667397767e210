"""Where the files of papers are kept: a folder outside the web root, one file per random key.

The uploaded name never reaches the file system: each file is stored under a 64-character random
hexadecimal key (``Paper.storage_key``). The folder is ``PAPERS_DIR`` (default
``instance/papers``); the application refuses to use a folder inside its static folder, which the
web server would publish.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path

from flask import Flask
from flask import current_app

_KEY = re.compile(r"[0-9a-f]{64}")


class PaperStore:
    """Files of papers under ``root``, named by random storage keys."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise ValueError("That is not a storage key.")
        return self.root / key

    def save(self, data: bytes) -> str:
        """Write ``data`` under a new random key (owner-only permissions) and return the key."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_hex(32)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path_for(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return key

    def read(self, key: str) -> bytes:
        return self.path_for(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)


def store_for(app: Flask) -> PaperStore:
    """The store the application's ``PAPERS_DIR`` names; never a folder the web server publishes."""
    root = Path(app.config.get("PAPERS_DIR") or Path(app.instance_path) / "papers").resolve()
    static = Path(app.static_folder or app.root_path + "/static").resolve()
    if root == static or root.is_relative_to(static):
        raise RuntimeError(f"PAPERS_DIR ({root}) must be outside the web root ({static}).")
    return PaperStore(root)


def current_store() -> PaperStore:
    return store_for(current_app)
