"""The page language comes from the URL only: `/en/...` is English, everything else Vietnamese.

Replaces Django's LocaleMiddleware, which also reads the Accept-Language header and a cookie:
pages are cached by path (toasoan.publishing), so a reader's browser settings must never change
what a path serves. No `Vary: Accept-Language` either, for the same reason."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def language_from_path(path: str) -> str:
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


class URLLanguageMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_from_path(request.path_info)
        request.LANGUAGE_CODE = language
        # override, not activate: the thread goes back to the default language afterwards, so
        # nothing rendered outside a request (tasks, emails, tests) inherits the last page's.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
