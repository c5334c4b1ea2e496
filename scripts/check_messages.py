"""Danish is complete: after `make messages` has extracted every string from the code and the
templates, each one has a Danish text, and none is a fuzzy guess. Run by CI."""

import sys
from pathlib import Path

from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parent.parent / "src/samskab/locale/da/LC_MESSAGES/django.po"


def main() -> int:
    with PO.open("rb") as f:
        catalog = read_po(f)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(texts):
            problems.append(f"no Danish text: {message.id!r}")
    for problem in problems:
        print(problem)
    print(f"{PO.name}: {len(catalog)} strings, {len(problems)} without a Danish text")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
