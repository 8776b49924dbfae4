"""Model fields every app may use."""

from django.db import models


class WebsiteField(models.URLField):
    """An address typed without a scheme is taken as https://."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
