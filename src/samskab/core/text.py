from django.utils.text import slugify

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(text: str) -> str:
    """A slug that keeps Danish letters readable: 'Grøn mobilitet' → 'groen-mobilitet'."""
    return slugify(str(text).translate(_DANISH))
