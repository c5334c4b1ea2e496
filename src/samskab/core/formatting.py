from django.utils.formats import number_format


def kroner(ore):
    """Øre as a Danish amount in kroner: 123456 → '1.234,56 kr.' (in the active language)."""
    if ore is None:
        return ""
    return f"{number_format(ore / 100, decimal_pos=2, use_l10n=True, force_grouping=True)} kr."
