import sys

from django.core.management.base import BaseCommand

from samskab.seats import dhondt


class Command(BaseCommand):
    help = (
        "Share seats among groups by d'Hondt. Reads one JSON object on standard input, "
        '{"seats": 15, "groups": [{"name": "C", "size": 12}], "seed": "optional"}, and '
        "prints the seats, the pick order and the seed used as JSON. Exit 2 on bad input."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def handle(self, *args, **options):
        try:
            text = sys.stdin.buffer.read()
        except (OSError, ValueError):
            text = b""
        code, out, err = dhondt.run_json(text)
        # Bytes, so the answer is UTF-8 whatever the locale ("Ø" is a common group name).
        sys.stdout.buffer.write(out.encode("utf-8"))
        sys.stdout.flush()
        sys.stderr.buffer.write(err.encode("utf-8"))
        sys.stderr.flush()
        if code:
            sys.exit(code)
