"""Template filters of the list pages (`{% load lists %}`)."""

from html import escape

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def filter_field(field) -> str:
    """One field of a list's filter form, as Bootstrap lays it out: written here in one pass,
    since a field rendered through crispy-forms' templates cost a list page more than its
    rows."""
    widget = field.field.widget
    checkbox = isinstance(widget, forms.CheckboxInput)
    if checkbox:
        style = "form-check-input"
    else:
        style = "form-select" if isinstance(widget, forms.Select) else "form-control"
    attrs = {"class": " ".join(filter(None, [widget.attrs.get("class"), style]))}
    errors = ""
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-describedby"] = f"{field.auto_id}_error"
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join("", "<p><strong>{}</strong></p>", ((e,) for e in field.errors)),
        )
    box = field.as_widget(attrs=attrs)
    if checkbox:
        return format_html(
            '<div class="mb-3 form-check">{}<label for="{}" class="form-check-label">{}</label>'
            "{}</div>",
            box,
            field.id_for_label,
            field.label,
            errors,
        )
    return format_html(
        '<div class="mb-3"><label for="{}" class="form-label">{}</label>{}{}</div>',
        field.id_for_label,
        field.label,
        box,
        errors,
    )


@register.filter
def marked(pieces: list[tuple[str, bool]]) -> str:
    """A search snippet's pieces (`lib.search.snippet`), its matches marked: written in one
    pass, since a template's loop over every word cost a results page more than its rows."""
    html = "".join(
        f'<mark class="hit">{escape(text)}</mark>' if hit else escape(text) for text, hit in pieces
    )
    return mark_safe(html)  # noqa: S308 - every piece escaped above
