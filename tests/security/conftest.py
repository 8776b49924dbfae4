def pytest_terminal_summary(terminalreporter):
    from .test_access_matrix import TOTALS

    if TOTALS["patterns"]:
        classes = ", ".join(f"{key} {TOTALS[key]}" for key in ("2xx", "3xx", "4xx", "5xx"))
        terminalreporter.write_line(
            f"access matrix: {TOTALS['patterns']} URL patterns, {TOTALS['requests']} requests "
            f"({classes}); {TOTALS['cross-partner requests']} cross-partner requests, "
            f"{TOTALS['cross-partner 2xx']} of them 2xx"
        )
