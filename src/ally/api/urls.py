"""The REST API at /api/v1/: one NinjaAPI, bearer-token auth, one router per domain app.

An app adds its endpoints with a `router` in the module its `apps.py` declares as `api`; the
router is mounted with the app's label as its tag.
Errors are JSON: 422 with one message per field, 404 for anything missing or in another
workspace (never 403), 401 without a valid token, 413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE; any
other 4xx (an unknown path, a wrong method) is made JSON by `ally.api.middleware.json_errors`.
"""

import importlib

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger
from ninja.security import HttpBearer

from ally.core.errors import Forbidden, NotFound, ValidationError
from ally.core.plugins import ally_apps
from ally.workspaces.audit import act_as
from ally.workspaces.clock import activate_member_time
from ally.workspaces.selectors import api_token_for_bearer

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`: sets request.workspace, request.user and request.membership."""

    def authenticate(self, request: HttpRequest, token: str):
        api_token = api_token_for_bearer(raw=token)
        if api_token is None:
            return None
        from ally.workspaces.models import Membership

        membership = Membership.objects.filter(workspace=api_token.workspace, user=api_token.user).first()
        if membership is None:
            return None
        request.workspace, request.user, request.membership = api_token.workspace, api_token.user, membership
        # "Today" and every date default are the token's member's, as on their pages; writes are the token's.
        activate_member_time(membership=membership)
        # A read-only token acts as a read-only member whatever its member's role: it reads what they read
        # (an owner's read-only token still reads the audit trail) and every write is refused like theirs.
        role = Membership.Role.READ_ONLY if api_token.read_only else membership.role
        act_as(user=api_token.user, token=api_token, via="api", role=role)
        if role == Membership.Role.READ_ONLY and request.method not in SAFE_METHODS:
            # Refused before the body is read, so every write answers 403 whatever it sends; the services
            # refuse a read-only actor too (ally.workspaces.audit), this only makes the answer uniform.
            if api_token.read_only:
                raise Forbidden("this is a read-only token: it cannot change anything in this workspace")
            raise Forbidden("read-only members cannot change anything in this workspace")
        return api_token


# "ninja" is an installed app, so the docs page loads Swagger UI from Ally's own /static/ninja/; with no
# validator URL it never calls validator.swagger.io either, so the docs work offline.
api = NinjaAPI(title="Ally API", version="1", urls_namespace="api", auth=BearerToken(),
               docs=Swagger(settings={"validatorUrl": None}),
               description="Ally's REST API. Authenticate with `Authorization: Bearer <token>`; "
                           "create a token on the settings page or with `ally token create`.")


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": [{"field": field, "message": message}
                                                    for field, message in exc.errors.items()]}, status=422)


@api.exception_handler(NinjaValidationError)
def _schema_error(request, exc: NinjaValidationError):
    detail = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
        detail.append({"field": ".".join(location) or "body", "message": error.get("msg", "is invalid")})
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(Forbidden)
def _forbidden(request, exc: Forbidden):
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(NotFound)
def _not_found(request, exc: NotFound):
    return api.create_response(request, {"detail": str(exc)}, status=404)


@api.exception_handler(RequestDataTooBig)
def _too_large(request, exc):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return api.create_response(request, {"detail": f"the request body is larger than {limit:,} bytes"}, status=413)


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    return api.create_response(request, {"detail": "a valid bearer token is required"}, status=401)


for _config in ally_apps():
    if _config.api:
        api.add_router("/", importlib.import_module(_config.api).router, tags=[_config.label])
