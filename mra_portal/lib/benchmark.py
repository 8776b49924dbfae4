"""What `make bench` needs of the portal, switched on by BENCHMARK=1 and never otherwise."""

from django.db import connection


class QueryCountMiddleware:
    """Each response says how many queries it cost, for the benchmark's table."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counted(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Queries"] = str(count[0])
        return response
