"""The vendored design system deploys: every file a stylesheet references is there."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

URL = re.compile(r"url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)")


def _stylesheets():
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            if path.endswith(".css"):
                yield path, Path(storage.path(path))


def test_stylesheets_reference_only_files_that_exist():
    missing = []
    for name, path in _stylesheets():
        for ref in URL.findall(path.read_text()):
            if ref.startswith(("data:", "#", "http:", "https:")):
                continue
            target = (path.parent / ref.split("?")[0].split("#")[0]).resolve()
            if not target.is_file():
                missing.append(f"{name} → {ref}")
    assert missing == []
