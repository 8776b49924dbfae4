"""vCard 4.0 (RFC 6350) for one person: both scripts of the name, organisation, reach."""

from .models import Person


def _escape(value: str) -> str:
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
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN;ALTID=1;LANGUAGE=fr:{_escape(person.name)}",
        f"N;ALTID=1;LANGUAGE=fr:{_escape(person.last_name)};{_escape(person.first_name)};;"
        f"{_escape(person.get_title_display())};",
    ]
    if person.name_ar:
        lines += [
            f"FN;ALTID=1;LANGUAGE=ar:{_escape(person.name_ar)}",
            f"N;ALTID=1;LANGUAGE=ar:{_escape(person.last_name_ar)};"
            f"{_escape(person.first_name_ar)};;;",
        ]
    lines.append(f"ORG:{_escape(person.organization.name_fr)}")
    if person.position:
        lines.append(f"TITLE:{_escape(person.position)}")
    lines += [f"EMAIL;TYPE=work:{_escape(email)}" for email in person.emails]
    lines += [f"TEL;VALUE=uri;TYPE=work:tel:{number}" for number in person.phones]
    lines += [f"LANG:{code}" for code in person.languages if len(code) == 2]
    lines += [f"REV:{person.updated_at:%Y%m%dT%H%M%SZ}", "END:VCARD"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
