"""Widgets shared by the apps' forms and filters."""

from django import forms
from django.utils.html import format_html_join


class LongSelect(forms.Select):
    """A list of hundreds of plain options (every country), written in one pass: Django
    renders each option through templates of its own, which made a country filter cost
    more than the rest of its page."""

    template_name = "includes/_long_select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = {str(item) for item in context["widget"]["value"]}
        context["widget"]["options_html"] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        return context
