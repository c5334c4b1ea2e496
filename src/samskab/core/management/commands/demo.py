from django.core.management.base import BaseCommand

from samskab.core.registry import demo_steps


class Command(BaseCommand):
    help = "Load the Gentofte demo data. Idempotent: a second run changes nothing."

    def handle(self, *args, **options):
        # Each app with demo data registers its step; the order follows the process.
        for step in demo_steps:
            loaded = step.load()(stdout=self.stdout)
            if not loaded:
                self.stdout.write(f"{step.path}: already loaded.")
        self.stdout.write(self.style.SUCCESS("The demo is ready."))
