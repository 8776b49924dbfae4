"""vCard 3.0 (RFC 2426) for one person: what Outlook, Gmail, iOS and Android all import.

Version 3.0 has one name per card: it is written in the reader's language (the Arabic name
for an Arabic reader when one is stored), with the form of address in the same language, and
the name in the other script goes in a note. The organisation is named in the reader's
language too."""

from django.utils.translation import get_language

from .models import Person


def _escape(value: str) -> str:
    """A text value: its separators escaped, its line breaks as \\n (never a raw CR or LF)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        octets = char.encode()
        if len(current) + len(octets) > 75:
            parts.append(current.decode())
            current = b" "
        current += octets
    parts.append(current.decode())
    return "\r\n".join(parts)


def person_vcard(person: Person) -> str:
    """The card in the active language."""
    arabic = get_language() == "ar" and bool(person.name_ar)
    if arabic:
        name, other = person.name_ar, person.name_latin
        family, given = person.last_name_ar, person.first_name_ar
    else:
        name, other = person.name_latin, person.name_ar
        family, given = person.last_name, person.first_name
    title = str(person.get_title_display()) if person.title else ""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escape(family)};{_escape(given)};;{_escape(title)};",
        f"FN:{_escape(name)}",
        f"ORG:{_escape(person.organization.name)}",
    ]
    if person.position:
        lines.append(f"TITLE:{_escape(person.position)}")
    lines += [f"EMAIL;TYPE=INTERNET,WORK:{_escape(email)}" for email in person.emails]
    lines += [f"TEL;TYPE=WORK,VOICE:{number}" for number in person.phones]
    if other:
        lines.append(f"NOTE:{_escape(other)}")
    lines += [f"REV:{person.updated_at:%Y-%m-%dT%H:%M:%SZ}", "END:VCARD"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
