"""`make bench`: every page under load, at scale 1 and scale 10, next to a one-query baseline
and the Django admin, on gunicorn with production settings.

Run by scripts/dev.py, which gives it DATABASE_URL (a server; this script makes its own two
databases on it) and REDIS_URL. Writes the table to docs/benchmarks.md.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from base64 import b32decode
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from dev import DEMO_TOTP_SECRET, ensure_database, free_port, log, stop  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONCURRENCY = (2, 10)
SCALES = (1, 10)
PASSWORD = "demo-pass-2026"  # noqa: S105 - the documented demo password
WORKERS = 3
# One key for the servers and the lookup that signs the email links they are driven with.
SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)


@dataclass
class Page:
    name: str
    path: str
    user: str  # the demo login, or "" for none
    samples: dict = field(default_factory=dict)  # (scale, concurrency) -> list of Sample


@dataclass
class Sample:
    latencies: list[float]
    seconds: float
    queries: int
    size: int
    errors: int


def database_url(scale: int) -> str:
    base, _, name = os.environ["DATABASE_URL"].rpartition("/")
    return f"{base}/{name}_bench{scale}"


def environment(scale: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(scale),
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "BENCHMARK": "1",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "600",
    }


def load(scale: int) -> None:
    """Migrate and seed a scale's database; seed_demo adds nothing when it is already there."""
    env = environment(scale)
    ensure_database(env["DATABASE_URL"])
    python = sys.executable
    for command in (
        ["manage.py", "migrate", "--noinput", "-v", "0"],
        ["manage.py", "collectstatic", "--noinput", "-v", "0"],
        ["manage.py", "seed_demo", "--allow-demo-users", "--scale", str(scale)],
    ):
        log(f"scale {scale}: $ {' '.join(command)}")
        subprocess.run([python, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def start_gunicorn(scale: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "mra_portal.wsgi",
            *("--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)),
            *("--worker-class", "sync", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=environment(scale),
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise SystemExit(f"gunicorn for scale {scale} did not answer within 30 s")


# Logging in --------------------------------------------------------------------------------


class Browser:
    """One keep-alive connection with its cookies, as a signed-in user's browser has."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            self.connection.request(method, path, data, headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.connection.request(method, path, data, headers)
            response = self.connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response, content

    def post_form(self, path: str, fields: dict) -> http.client.HTTPResponse:
        _response, page = self.request("GET", path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        response, _content = self.request(
            "POST", path, {**fields, "csrfmiddlewaretoken": token.group(1).decode()}
        )
        return response


def totp_now() -> str:
    from django_otp.oath import TOTP

    return f"{TOTP(b32decode(DEMO_TOTP_SECRET)).token():06d}"


def signed_in(port: int, username: str) -> Browser:
    browser = Browser(port)
    if not username:
        return browser
    response = browser.post_form("/accounts/login/", {"username": username, "password": PASSWORD})
    if response.status != 302:
        raise SystemExit(f"{username} could not log in ({response.status})")
    home, _content = browser.request("GET", "/")
    if "two-factor" in (home.getheader("Location") or ""):
        # A code is accepted once: if this one was used by the last run, wait for the next.
        for _attempt in range(3):
            verified = browser.post_form("/accounts/two-factor/verify/", {"token": totp_now()})
            if verified.status == 302:
                break
            time.sleep(31 - time.time() % 30)
        else:
            raise SystemExit(f"{username}: the two-factor code was refused")
    return browser


# Driving ---------------------------------------------------------------------------------


def drive(port: int, cookies: dict[str, str], path: str, concurrency: int) -> Sample:
    """Requests back to back from `concurrency` connections for SECONDS."""
    latencies: list[float] = []
    errors = [0]
    info = {"queries": 0, "size": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def client() -> None:
        browser = Browser(port)
        browser.cookies = dict(cookies)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            response, content = browser.request("GET", path)
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                errors[0] += 1
            info["queries"] = int(response.getheader("X-Queries") or 0)
            info["size"] = len(content)
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Sample(latencies, time.monotonic() - started, info["queries"], info["size"], errors[0])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def worker_rss_mb(process: subprocess.Popen) -> float:
    """The largest resident memory among the gunicorn master's workers."""
    largest = 0
    for child in Path("/proc").glob("[0-9]*"):
        try:
            status = (child / "status").read_text()
        except OSError:
            continue
        if f"\nPPid:\t{process.pid}\n" in status:
            rss = re.search(r"VmRSS:\s+(\d+) kB", status)
            largest = max(largest, int(rss.group(1)) if rss else 0)
    return largest / 1024


# The objects each page shows: the busiest meeting and commission, and the Interior's pages.
LOOKUP = """
import json
from django.db.models import Count
from django.utils import timezone
from commissions.models import Commission, Meeting, MeetingStatus, WrittenProcedure
from commissions.links import answer_path
from commissions.reminders import INVITATION, open_meetings
from partners.models import Organization
from reminders.links import stop_path
from reminders.models import Reminder
from actionplans.models import Action, Plan, ReportingRound
from cooperation.models import Agreement, CountryProfile, Framework, Programme
from studies.models import Expert, Recommendation, Study
busiest = Meeting.objects.annotate(n=Count("invitations")).order_by("-n", "pk")
interior = Organization.objects.get(acronym_fr="MI")
invitations = Reminder.objects.filter(kind=INVITATION)
written = invitations.values("target_id").annotate(n=Count("pk")).order_by("-n", "target_id")
to_a_person = invitations.filter(
    person_id__isnull=False, target_id__in=open_meetings().values("pk")
).order_by("pk").first()
print(json.dumps({
    "written_meeting": written.values_list("target_id", flat=True).first(),
    "answer_token": answer_path(to_a_person.target_id, to_a_person.person_id).split("/")[2],
    "stop_token": stop_path(to_a_person.person_type_id, to_a_person.person_id).split("/")[3],
    "meeting": busiest.values_list("pk", flat=True).first(),
    "partner_meeting": busiest.filter(invitations__organization=interior)
    .values_list("pk", flat=True).first(),
    "ahead": busiest.filter(starts_at__gt=timezone.now(), status=MeetingStatus.CONVENED)
    .values_list("pk", flat=True).first(),
    "held": busiest.filter(status=MeetingStatus.HELD, minutes__isnull=False)
    .values_list("pk", flat=True).first(),
    "circulated": WrittenProcedure.objects.still_open()
    .values_list("minutes__meeting", flat=True).first(),
    "commission": Commission.objects.annotate(n=Count("meetings")).order_by("-n", "pk")
    .values_list("pk", flat=True).first(),
    "interior": interior.pk,
    "plan": Plan.objects.annotate(n=Count("actions")).order_by("-n", "pk")
    .values_list("pk", flat=True).first(),
    "partner_plan": Plan.objects.get(code="MI-2026").pk,
    "action": Action.objects.annotate(n=Count("reports")).order_by("-n", "pk")
    .values_list("pk", flat=True).first(),
    "round": ReportingRound.objects.annotate(n=Count("plans")).order_by("-n", "pk")
    .values_list("pk", flat=True).first(),
    "programme": Programme.objects.annotate(n=Count("budgets")).order_by("-n", "pk")
    .values_list("pk", flat=True).first(),
    "agreement": Agreement.objects.get(reference="MOU-ES-2021-02").pk,
    "framework": Framework.objects.annotate(n=Count("programmes")).order_by("-n", "pk")
    .values_list("pk", flat=True).first(),
    "spain": CountryProfile.objects.get(country="ES").pk,
    "senegal": CountryProfile.objects.get(country="SN").pk,
    "study": Study.objects.annotate(n=Count("recommendations") + Count("documents"))
    .order_by("-n", "pk").values_list("pk", flat=True).first(),
    "recommendation": Recommendation.objects.filter(uptake="taken_up")
    .annotate(n=Count("actions") + Count("decisions")).order_by("-n", "pk")
    .values_list("pk", flat=True).first(),
    "expert": Expert.objects.annotate(n=Count("mobilisations")).order_by("-n", "pk")
    .values_list("pk", flat=True).first(),
}))
"""


def objects(scale: int) -> dict[str, int]:
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", LOOKUP],
        cwd=ROOT,
        env=environment(scale),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def pages() -> list[Page]:
    """The pages measured: each names its path at either scale."""
    return [
        Page("one-query baseline", "/bench/baseline/", ""),
        Page("admin meeting changelist", "/admin/commissions/meeting/", "admin"),
        Page("admin organisation changelist", "/admin/partners/organization/", "admin"),
        Page("meetings list", "/meetings/", "coordinator"),
        Page("busiest meeting's page", "/meetings/{meeting}/", "coordinator"),
        Page("decision register", "/commissions/{commission}/decisions/", "coordinator"),
        Page("busiest commission's page", "/commissions/{commission}/", "coordinator"),
        Page("convene confirmation", "/meetings/{ahead}/convene/", "coordinator"),
        Page("cancel confirmation", "/meetings/{ahead}/cancel/", "coordinator"),
        Page("busiest held meeting's minutes", "/meetings/{held}/minutes/", "coordinator"),
        Page("partner 360° page", "/partners/{interior}/", "coordinator"),
        Page("people list", "/people/", "coordinator"),
        Page("directory", "/partners/", "coordinator"),
        Page("notifications", "/notifications/", "coordinator"),
        Page("who was written to", "/meetings/{written_meeting}/delivery/", "coordinator"),
        Page("answer page of an email link", "/answer/{answer_token}/", ""),
        Page("stop page of an email link", "/notifications/stop/{stop_token}/", ""),
        Page("meetings list as partner1", "/meetings/", "partner1"),
        Page("meeting page as partner1", "/meetings/{partner_meeting}/", "partner1"),
        Page("360° page as partner1", "/partners/{interior}/", "partner1"),
        Page(
            "minutes for approval as partner1", "/meetings/{circulated}/minutes/review/", "partner1"
        ),
        Page("notifications as partner1", "/notifications/", "partner1"),
        Page("action plans", "/plans/", "coordinator"),
        Page("largest plan's page", "/plans/{plan}/", "coordinator"),
        Page("actions list", "/actions/", "coordinator"),
        Page("overdue actions", "/actions/overdue/", "coordinator"),
        Page("most reported action's page", "/actions/{action}/", "coordinator"),
        Page("widest reporting round", "/rounds/{round}/", "coordinator"),
        Page("action plans as partner1", "/plans/", "partner1"),
        Page("plan page as partner1", "/plans/{partner_plan}/", "partner1"),
        Page("my actions as partner1", "/actions/mine/", "partner1"),
        Page("programmes list", "/programmes/", "coordinator"),
        Page("programmes, filtered", "/programmes/?region=europe&objective=rights", "coordinator"),
        Page("programme page", "/programmes/{programme}/", "coordinator"),
        Page("agreements list", "/agreements/", "coordinator"),
        Page("agreements to act on", "/agreements/to-act-on/", "coordinator"),
        Page("agreement page", "/agreements/{agreement}/", "coordinator"),
        Page("frameworks list", "/frameworks/", "coordinator"),
        Page("framework page", "/frameworks/{framework}/", "coordinator"),
        Page("countries by region", "/countries/", "coordinator"),
        Page("Spain's country profile", "/countries/{spain}/", "coordinator"),
        Page("cooperation summary", "/cooperation/", "coordinator"),
        Page("dashboard", "/", "coordinator"),
        Page("programmes as partner1", "/programmes/", "partner1"),
        Page("country profile as partner1", "/countries/{senegal}/", "partner1"),
        Page("studies list", "/studies/", "coordinator"),
        Page("studies, full-text search", "/studies/?q=retraites", "coordinator"),
        Page("studies, search in Arabic", f"/studies/?q={ARABIC_QUERY}", "coordinator"),
        Page("largest study's page", "/studies/{study}/", "coordinator"),
        Page("recommendation tracker", "/recommendations/", "coordinator"),
        Page("tracker, filtered", "/recommendations/?state=waiting&priority=1", "coordinator"),
        Page("recommendation page", "/recommendations/{recommendation}/", "coordinator"),
        Page("experts, by language", "/experts/?language=fr", "coordinator"),
        Page("expert page", "/experts/{expert}/", "coordinator"),
        Page("studies search as partner1", "/studies/?q=retraites", "partner1"),
        Page("tracker as partner1", "/recommendations/", "partner1"),
    ]


# "المتقاعدين" (retirees), as a browser sends it.
ARABIC_QUERY = quote("المتقاعدين")


def main() -> int:
    for scale in SCALES:
        load(scale)
    measured = pages()
    found = {scale: objects(scale) for scale in SCALES}
    servers = {scale: start_gunicorn(scale) for scale in SCALES}
    try:
        sessions = {
            (scale, user): signed_in(servers[scale][1], user).cookies
            for scale in SCALES
            for user in {page.user for page in measured}
        }
        # Warm every worker, then interleave pages, scales and concurrencies round by round.
        for scale in SCALES:
            for page in measured:
                path = page.path.format(**found[scale])
                drive(servers[scale][1], sessions[(scale, page.user)], path, WORKERS)
        for round_number in range(1, ROUNDS + 1):
            log(f"round {round_number} of {ROUNDS}")
            for page in measured:
                for scale in SCALES:
                    for concurrency in CONCURRENCY:
                        path = page.path.format(**found[scale])
                        sample = drive(
                            servers[scale][1], sessions[(scale, page.user)], path, concurrency
                        )
                        page.samples.setdefault((scale, concurrency), []).append(sample)
        rss = {scale: worker_rss_mb(process) for scale, (process, _port) in servers.items()}
    finally:
        for process, _port in servers.values():
            stop(process)
    report = table(measured, rss)
    print(report)
    path = ROOT / "docs" / "benchmarks.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(report)
    log(f"written to {path.relative_to(ROOT)}")
    return 0


def merged(samples: list[Sample]) -> tuple[float, float, float, int, int, int]:
    """rps, p50 and p95 in ms over all rounds; queries, HTML size and errors."""
    latencies = [value for sample in samples for value in sample.latencies]
    seconds = sum(sample.seconds for sample in samples)
    return (
        len(latencies) / seconds,
        statistics.median(latencies) * 1000 if latencies else 0,
        percentile(latencies, 0.95) * 1000,
        samples[-1].queries,
        samples[-1].size,
        sum(sample.errors for sample in samples),
    )


def table(measured: list[Page], rss: dict[int, float]) -> str:
    baseline = {key: merged(samples)[0] for key, samples in measured[0].samples.items()}
    admin = {key: merged(samples)[0] for key, samples in measured[1].samples.items()}
    lines = [
        "# Page benchmark (`make bench`)",
        "",
        f"{datetime.date.today().isoformat()}, gunicorn with {WORKERS} sync workers and "
        f"production settings, {os.cpu_count()} cores; each cell is {ROUNDS} interleaved rounds "
        f"of {SECONDS:g} s. Scale 1 is the demo; scale 10 adds about ten years of work "
        "(`seed_demo --scale 10`). rps and p95 at concurrency c; queries per request and HTML "
        "size at scale 10; /base and /admin are rps over the baseline's and the admin "
        "meeting changelist's at the same scale and concurrency.",
        "",
        "| page | c | rps s1 | p95 s1 | rps s10 | p50 s10 | p95 s10 | p95 s10/s1 | queries "
        "| HTML | /base | /admin | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page in measured:
        for concurrency in CONCURRENCY:
            rps1, _p50_1, p95_1, *_rest = merged(page.samples[(1, concurrency)])
            rps, p50, p95, queries, size, errors = merged(page.samples[(10, concurrency)])
            errors += merged(page.samples[(1, concurrency)])[5]
            lines.append(
                f"| {page.name} | {concurrency} | {rps1:.0f} | {p95_1:.0f} ms | {rps:.1f} | "
                f"{p50:.0f} ms | {p95:.0f} ms | {p95 / p95_1 if p95_1 else 0:.2f} | {queries} | "
                f"{size / 1024:.0f} KB | {rps / baseline[(10, concurrency)]:.2f} | "
                f"{rps / admin[(10, concurrency)]:.2f} | {errors} |"
            )
    lines += [
        "",
        "Largest gunicorn worker after the run: "
        + ", ".join(f"scale {scale} {mb:.0f} MB" for scale, mb in rss.items())
        + ".",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
