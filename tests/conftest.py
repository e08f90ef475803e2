"""Every test: TestClient sends ``Host: testserver``, a host the server answers to only here; the
shell's WIREDIFF_SEMANTIC_MEANING is not read."""

from __future__ import annotations

import os

os.environ.setdefault("WIREDIFF_TRUSTED_HOSTS", "localhost,127.0.0.1,::1,testserver")
# the tests that judge with the sentence model say so; a shell's setting must not turn it on for all
os.environ.pop("WIREDIFF_SEMANTIC_MEANING", None)
