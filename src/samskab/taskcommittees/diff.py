"""A readable comparison of two versions of the terms of reference, field by field."""

import re
from difflib import SequenceMatcher
from typing import cast

from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samskab.core.formatting import kroner

from .models import TermsVersion

_TOKEN = re.compile(r"\s+|[^\s]+")


def display(version, field):
    value = getattr(version, field)
    if field == "appointment_method":
        return version.get_appointment_method_display()
    if field == "receiving_committee":
        return str(value) if value else ""
    if field == "budget_ore":
        return kroner(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


def words(old, new):
    """HTML with <del> and <ins> around the changed words (with text for screen readers)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[str] = []
    deleted, inserted = escape(_("deleted:")), escape(_("inserted:"))
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(
                f'<del><span class="visually-hidden">[{deleted}</span>'
                f'{escape("".join(a[i1:i2]))}<span class="visually-hidden">]</span></del>'
            )
        if op in ("insert", "replace"):
            out.append(
                f'<ins><span class="visually-hidden">[{inserted}</span>'
                f'{escape("".join(b[j1:j2]))}<span class="visually-hidden">]</span></ins>'
            )
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def compare(old, new):
    """Rows (label, changed, html) for every content field of two versions."""
    rows = []
    for field in TermsVersion.CONTENT_FIELDS:
        label = cast(models.Field, TermsVersion._meta.get_field(field)).verbose_name
        a, b = display(old, field), display(new, field)
        rows.append(
            {"label": label, "changed": a != b, "html": words(a, b) if a != b else escape(b)}
        )
    return rows
