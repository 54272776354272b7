from django.urls import reverse

from ally.core.plugins import current_nav_entry, nav_entries


def navigation(request):
    """The main navigation as the apps declare it, with the section the page belongs to marked current."""
    if not getattr(request, "workspace", None):
        return {}
    links = {area: [(entry, reverse(entry.url_name)) for entry in nav_entries(area)] for area in ("main", "account")}
    current = current_nav_entry(request.path, [entry for area in links.values() for entry, _ in area])
    return {
        area + "_nav": [{"label": entry.label, "url": url, "current": entry is current} for entry, url in area_links]
        for area, area_links in links.items()
    }
