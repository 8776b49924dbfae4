from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's cookie and headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
