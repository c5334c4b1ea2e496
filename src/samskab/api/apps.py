from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samskab.api"
    label = "api"
    verbose_name = "API"
