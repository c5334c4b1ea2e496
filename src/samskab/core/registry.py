"""What the domain apps contribute to shared machinery, registered from their ``AppConfig.ready``.

``core`` knows no domain app: the demo, the large data set and the site navigation are built
from what the apps put here. Steps are registered as dotted paths ("module:function") and
imported only when they run, so registering costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any


@dataclass(frozen=True, order=True)
class Step:
    order: int
    path: str = field(compare=False)

    def load(self) -> Callable[..., Any]:
        module, name = self.path.split(":")
        return getattr(import_module(module), name)


class Steps:
    """An ordered list of steps; the order numbers say where in the process each belongs."""

    def __init__(self) -> None:
        self._steps: dict[str, Step] = {}

    def register(self, order: int, path: str) -> None:
        # Idempotent: ready() may run more than once in tests.
        self._steps[path] = Step(order, path)

    def __iter__(self):
        return iter(sorted(self._steps.values()))


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation. ``visible(user)`` says who sees it (everyone if None)."""

    order: int
    label: Any  # a lazy translation
    url_name: str
    visible: Callable[[Any], bool] | None = None


class Navigation:
    def __init__(self) -> None:
        self._items: dict[str, NavItem] = {}

    def register(self, item: NavItem) -> None:
        self._items[item.url_name] = item

    def __iter__(self):
        return iter(sorted(self._items.values(), key=lambda item: item.order))


@dataclass(frozen=True)
class EmailKind:
    """A kind of email an app sends (core/email.py). ``template`` names the default text, a
    template per language (``<template>.da.txt``, ``<template>.en.txt``: the subject on the
    first line, the body after a blank line), which the secretariat may replace in the admin.
    ``message`` is the dotted path of ``message(pk, **params) -> email.Message | None``: it
    finds the recipient and the template's context when the email is sent, so that no address
    or other personal data waits in the task queue."""

    key: str
    label: Any  # a lazy translation
    template: str
    message: str
    variables: tuple[str, ...] = ()

    def load(self) -> Callable[..., Any]:
        module, name = self.message.split(":")
        return getattr(import_module(module), name)


class EmailKinds:
    def __init__(self) -> None:
        self._kinds: dict[str, EmailKind] = {}

    def register(self, kind: EmailKind) -> None:
        self._kinds[kind.key] = kind

    def get(self, key: str) -> EmailKind:
        return self._kinds[key]

    def __iter__(self):
        return iter(sorted(self._kinds.values(), key=lambda kind: kind.key))


# The Gentofte demo (`samskab demo`): each step is ``load(stdout) -> bool`` (False: already there).
demo_steps = Steps()
# The large data set (`samskab generate`): each step is ``step(plan)`` (see core.generate).
generate_steps = Steps()
navigation = Navigation()
# The kinds of email the apps send (core/email.py).
email_kinds = EmailKinds()
