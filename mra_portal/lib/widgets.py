"""Widgets shared by the apps' forms and filters."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A list of hundreds of plain options (every country), written in one pass: Django
    renders each option through templates of its own, which made a country filter cost
    more than the rest of its page."""

    template_name = "includes/_long_select.html"

    def get_context(self, name, value, attrs):
        # Not Select's own context: it builds a dictionary per option, for the templates.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = {str(item) for item in context["widget"]["value"]}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        context["widget"]["options_html"] = mark_safe(options)  # noqa: S308 - escaped above
        return context
