from importlib import import_module

from django.core.management.base import BaseCommand

# Each app that has demo data contributes one step; the order follows the process.
DEMO_STEPS = [
    "samskab.organisation.demo",
    "samskab.taskcommittees.demo",
]


class Command(BaseCommand):
    help = "Load the Gentofte demo data. Idempotent: a second run changes nothing."

    def handle(self, *args, **options):
        for path in DEMO_STEPS:
            module = import_module(path)
            loaded = module.load(stdout=self.stdout)
            if not loaded:
                self.stdout.write(f"{path}: already loaded.")
        self.stdout.write(self.style.SUCCESS("The demo is ready."))
