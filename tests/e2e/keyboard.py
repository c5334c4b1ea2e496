"""A person who uses only the keyboard: Tab, Shift+Tab, Enter, Space, arrow keys and typing.

Reuse it for every keyboard journey (the secretariat's walk through a task committee's
lifecycle included)::

    kb = KeyboardUser(page)
    page.goto("/dhondt/")
    kb.skip_to_content()
    kb.tab_to("#id_seats")
    kb.type("15")
    kb.press("Enter")

It never clicks: if a control cannot be reached with Tab, ``tab_to`` fails and says which
elements it passed on the way, which is the accessibility bug to fix.
"""

from dataclasses import dataclass

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "<body>";
  const text = (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 40);
  return `<${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}` +
         `${e.name ? " name=" + e.name : ""}> ${text}`;
}"""


@dataclass
class KeyboardUser:
    page: object
    max_presses: int = 120

    def focused(self) -> str:
        """A short description of the focused element, e.g. ``<input#id_seats name=seats>``."""
        return self.page.evaluate(FOCUSED)

    def is_focused(self, selector: str) -> bool:
        return self.page.evaluate(
            "s => !!document.activeElement && document.activeElement.matches(s)", selector
        )

    def press(self, key: str):
        self.page.keyboard.press(key)

    def type(self, text: str):
        self.page.keyboard.type(text)

    def tab_to(self, selector: str, backwards: bool = False) -> int:
        """Press Tab (Shift+Tab) until the element matching ``selector`` has focus.

        Returns how many presses it took; fails with the focus path when it is not reached.
        """
        key = "Shift+Tab" if backwards else "Tab"
        path = []
        for presses in range(1, self.max_presses + 1):
            self.press(key)
            if self.is_focused(selector):
                return presses
            path.append(self.focused())
        raise AssertionError(
            f"{selector} was not reached with {key} after {self.max_presses} presses; "
            "focus went through:\n  " + "\n  ".join(path)
        )

    def fill(self, selector: str, text: str):
        """Tab to a text field, replace what is in it with ``text``."""
        self.tab_to(selector)
        self.press("ControlOrMeta+a")
        self.press("Backspace")
        self.type(text)

    def activate(self, selector: str, key: str = "Enter"):
        """Tab to a link or button and press Enter (or Space)."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.press(key)

    def skip_to_content(self):
        """From the top of a freshly loaded page: the first Tab reaches the skip link, Enter
        follows it, and the next Tab lands inside the main content."""
        self.press("Tab")
        assert self.is_focused("a.skipnav"), f"first Tab focused {self.focused()}"
        assert self.page.locator("a.skipnav").is_visible(), "skip link is invisible on focus"
        self.press("Enter")
        assert self.is_focused("#main-content"), f"after the skip link: {self.focused()}"

    def log_in(self, email: str, password: str):
        """Log in on the login page that is open, with the keyboard only."""
        self.fill("input[name=login]", email)
        self.fill("input[name=password]", password)
        with self.page.expect_navigation():
            self.press("Enter")
