"""The API's documentation page: Swagger UI from drf-spectacular-sidecar, in our own page.

drf-spectacular's page has no language, no heading and an inline <style> that the site's CSP
refuses. This page has all three right; its script is served by the split view as a file.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
