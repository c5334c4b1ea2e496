from django.utils.formats import number_format


def kroner(ore):
    """Øre as a Danish amount in kroner: 123456 → '1.234,56 kr.' (in the active language)."""
    if ore is None:
        return ""
    return f"{number_format(ore / 100, decimal_pos=2, use_l10n=True, force_grouping=True)} kr."


def megabytes(size: int) -> str:
    """A size in bytes as megabytes in the active language: 25000000 → '25', 2500000 → '2,5'."""
    value = round(size / 1_000_000, 1)
    return number_format(value, decimal_pos=0 if value == int(value) else 1, use_l10n=True)
