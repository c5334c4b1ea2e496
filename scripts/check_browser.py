"""Say plainly, before the tests run, whether the browser tests can run here."""

import os
import shutil
import sys

CHROMIUM = os.environ.get("SAMSKAB_CHROMIUM", "/usr/bin/chromium")

if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
    sys.stderr.write(
        "\n*** Chromium is not installed: the browser (e2e) and accessibility tests will NOT run.\n"
        "*** Install it with: sudo apt-get install chromium   (Debian/Ubuntu)\n"
        "*** or point SAMSKAB_CHROMIUM at a Chromium binary. .ci/run installs it.\n\n"
    )
