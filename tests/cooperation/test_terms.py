"""An agreement's act-by date: the last day to denounce or renew it before the next tacit
renewal or its expiry."""

import datetime

import pytest

from cooperation.terms import Terms, add_months

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
    ],
)
def test_months_are_added_on_the_calendar(day, months, expected):
    assert add_months(day, months) == expected


def test_a_term_ends_the_day_before_its_anniversary():
    assert Terms(D(2021, 3, 1), duration_months=60).first_end() == D(2026, 2, 28)


def test_without_renewal_the_act_by_is_the_notice_date_then_the_expiry():
    terms = Terms(D(2021, 3, 1), duration_months=60, notice_months=6)
    assert terms.next_act_by(D(2026, 1, 1)) == D(2026, 2, 28)  # notice passed: renegotiate
    assert terms.next_act_by(D(2025, 6, 1)) == D(2025, 8, 28)
    assert terms.next_act_by(D(2026, 3, 1)) is None  # expired


def test_a_tacit_renewal_whose_notice_date_passed_is_locked_in():
    terms = Terms(
        D(2021, 3, 1), duration_months=60, tacit_renewal=True, renewal_months=24, notice_months=6
    )
    assert terms.next_act_by(D(2025, 8, 28)) == D(2025, 8, 28)  # the last day, itself
    assert terms.current_end(D(2025, 8, 29)) == D(2028, 2, 29)  # renewed for two years
    assert terms.next_act_by(D(2025, 8, 29)) == D(2027, 8, 29)
    assert terms.current_end(D(2035, 1, 1)) == D(2036, 2, 29)  # the renewals add up
    assert terms.next_act_by(D(2035, 1, 1)) == D(2035, 8, 29)


def test_a_written_expiry_gives_the_renewal_its_length():
    terms = Terms(D(2021, 3, 1), expires_on=D(2026, 2, 28), tacit_renewal=True)
    assert terms.renewal_length() == 60
    assert terms.current_end(D(2026, 3, 1)) == D(2031, 2, 28)


def test_an_agreement_without_end_has_nothing_to_act_on():
    assert Terms(D(2021, 3, 1)).next_act_by(D(2026, 1, 1)) is None
    assert Terms(None, expires_on=D(2027, 1, 1), tacit_renewal=True).next_act_by(
        D(2026, 1, 1)
    ) == D(2027, 1, 1)
