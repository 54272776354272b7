"""WSGI entry point used by ``ally serve``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ally.settings")
application = get_wsgi_application()
