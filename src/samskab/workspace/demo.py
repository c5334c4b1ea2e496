"""The room's part of the Gentofte demo (filled in below)."""


def load(stdout) -> bool:
    return False
