"""Every write of capture: people from address books, interactions from mailboxes (and the suggestions they raise)."""
