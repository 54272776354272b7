"""People, organizations, the little things (facts) and relationships."""
