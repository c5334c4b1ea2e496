"""Meetings for ``samskab generate`` (filled in below)."""

from samskab.core.generate import Plan


def meetings(plan: Plan) -> None:
    return None
