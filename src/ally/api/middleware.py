"""Every 4xx under /api/ is JSON, even those no API view produced (an unknown path, a wrong method, a body
too large for the API's own handler): a client parses one error shape, never Django's HTML pages."""

from http import HTTPStatus

from django.http import JsonResponse

API_PREFIX = "/api/"


def json_errors(get_response):
    def middleware(request):
        response = get_response(request)
        if not request.path.startswith(API_PREFIX) or not 400 <= response.status_code < 500:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        return _as_json(response.status_code, response)

    return middleware


def _as_json(status: int, original) -> JsonResponse:
    response = JsonResponse({"detail": HTTPStatus(status).phrase.lower()}, status=status)
    for header in ("Allow", "WWW-Authenticate"):
        if original.has_header(header):
            response[header] = original[header]
    return response

