"""The e-mail edition: a bundle in, a ready-to-send .eml out, whose HTML part holds in the common mail clients."""

from __future__ import annotations

import subprocess
import sys


def test_the_web_and_email_editions_load_without_reportlab() -> None:
    code = "import sys, sprintdoc.writers.html; print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
