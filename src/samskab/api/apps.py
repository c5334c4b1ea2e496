from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samskab.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        # Registers the OpenAPI descriptions of the session and token schemes.
        from . import authentication  # noqa: F401
