"""What `make bench` asks of the portal: a query count per response and a one-query page."""

from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from mra_portal.lib.benchmark import QueryCountMiddleware
from mra_portal.views import baseline
from partners.models import Organization


def test_each_response_says_how_many_queries_it_cost(ministry):
    def view(request):
        list(Organization.objects.all())
        Organization.objects.count()
        return HttpResponse("ok")

    response = QueryCountMiddleware(view)(RequestFactory().get("/"))
    assert response["X-Queries"] == "2"


def test_the_baseline_page_costs_exactly_one_query(ministry):
    with CaptureQueriesContext(connection) as queries:
        response = baseline(RequestFactory().get("/bench/baseline/"))
    assert len(queries) == 1
    assert response.content == b"1 organisations"


def test_the_baseline_page_exists_only_for_the_benchmark(client_as, coordinator):
    assert client_as(coordinator).get("/bench/baseline/").status_code == 404
