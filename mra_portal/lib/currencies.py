"""The currencies a budget may be written in (ISO 4217 codes), those of Morocco's partners."""

from django.utils.translation import gettext_lazy as _

CURRENCIES = [
    ("MAD", _("Moroccan dirham (MAD)")),
    ("EUR", _("Euro (EUR)")),
    ("USD", _("US dollar (USD)")),
    ("GBP", _("Pound sterling (GBP)")),
    ("CHF", _("Swiss franc (CHF)")),
    ("CAD", _("Canadian dollar (CAD)")),
    ("SEK", _("Swedish krona (SEK)")),
    ("NOK", _("Norwegian krone (NOK)")),
    ("DKK", _("Danish krone (DKK)")),
    ("JPY", _("Japanese yen (JPY)")),
    ("CNY", _("Chinese yuan (CNY)")),
    ("SAR", _("Saudi riyal (SAR)")),
    ("AED", _("UAE dirham (AED)")),
    ("QAR", _("Qatari riyal (QAR)")),
    ("KWD", _("Kuwaiti dinar (KWD)")),
    ("XOF", _("West African CFA franc (XOF)")),
    ("XAF", _("Central African CFA franc (XAF)")),
    ("TND", _("Tunisian dinar (TND)")),
    ("EGP", _("Egyptian pound (EGP)")),
    ("MRU", _("Mauritanian ouguiya (MRU)")),
]
