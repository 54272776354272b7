"""`ally purchase`, `ally checkin`, `ally playbook`, `ally feedback`, `ally referral`
and `ally import purchases`: what customers own, how it is going, who introduced whom.
"""

from ally.core.cli import CommandLine
from ally.ownership.cli.checkins import checkin_app
from ally.ownership.cli.feedback import feedback_app
from ally.ownership.cli.importing import import_purchases
from ally.ownership.cli.playbooks import playbook_app
from ally.ownership.cli.purchases import purchase_app
from ally.ownership.cli.referrals import referral_app


def register(cli: CommandLine) -> None:
    cli.group("purchase", purchase_app)
    cli.group("checkin", checkin_app)
    cli.group("playbook", playbook_app)
    cli.group("feedback", feedback_app)
    cli.group("referral", referral_app)
    cli.shared_command("import", "purchases", import_purchases)
