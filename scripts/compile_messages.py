"""Compile every .po file under src/ to .mo with Babel (no GNU gettext needed)."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

root = Path(__file__).resolve().parents[1] / "src"
for po_path in root.rglob("LC_MESSAGES/*.po"):
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        continue
    with po_path.open("rb") as f:
        catalog = read_po(f, locale=po_path.parts[-3])
    with mo_path.open("wb") as f:
        write_mo(f, catalog, use_fuzzy=False)
