"""`ally need`, `ally opportunity`, `ally offering`, `ally alternative`, `ally question` and `ally brief`.

Needs in the customer's words, the buyer's decision journey, the catalogues around it, and the
meeting brief before a conversation. Every read has --json; a refused move prints why and exits 1.
"""

from ally.core.cli import CommandLine
from ally.opportunities.cli.brief import brief
from ally.opportunities.cli.catalogue import alternative_app, offering_app, question_app
from ally.opportunities.cli.journey import opportunity_app
from ally.opportunities.cli.needs import need_app


def register(cli: CommandLine) -> None:
    cli.group("need", need_app)
    cli.group("opportunity", opportunity_app)
    cli.group("offering", offering_app)
    cli.group("alternative", alternative_app)
    cli.group("question", question_app)
    cli.command("brief", brief)
