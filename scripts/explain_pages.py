"""The heaviest query of each benchmarked page at scale 10, with its EXPLAIN (ANALYZE, BUFFERS).

Run after `make bench` (which loads the scale-10 database):
    DATABASE_URL=postgres://…/mra_portal .venv/bin/python scripts/explain_pages.py
It prints Markdown for docs/performance.md.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench_pages import environment, objects, pages  # noqa: E402

FOUND = objects(10)
os.environ.update(environment(10))
os.environ.update({"ALLOWED_HOSTS": "testserver", "DJANGO_SETTINGS_MODULE": "mra_portal.settings"})

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from accounts.models import User  # noqa: E402
from tests.access import logged_in  # noqa: E402


def heaviest(client, path: str) -> tuple[float, str, tuple]:
    timed = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append((time.perf_counter() - started, sql, params))

    client.get(path, secure=True)  # warm the caches first
    with connection.execute_wrapper(timer):
        client.get(path, secure=True)
    return max(timed, key=lambda row: row[0])


def main() -> None:
    clients = {}
    for page in pages():
        if not page.user or page.path.startswith("/admin/"):
            continue
        if page.user not in clients:
            clients[page.user] = logged_in(User.objects.get(username=page.user))
        seconds, sql, params = heaviest(clients[page.user], page.path.format(**FOUND))
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"### {page.name} ({seconds * 1000:.1f} ms in the page)\n")
        print(f"```sql\n{sql[:600]}{' …' if len(sql) > 600 else ''}\n```\n")
        print(f"```\n{plan}\n```\n")


if __name__ == "__main__":
    main()
