"""Every test: TestClient sends ``Host: testserver``, a host the server answers to only here."""

from __future__ import annotations

import os

os.environ.setdefault("WIREDIFF_TRUSTED_HOSTS", "localhost,127.0.0.1,::1,testserver")
