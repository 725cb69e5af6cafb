"""The command-line verbs for the time around a session: invitation, case preparation, preparation text, toolkit.

Owns `uitnodiging` (`invite`), `casus` (`prepare`), `voorstel` (`propose`), `voorbereiding` (`prep-text`),
`vraag` (`question`), `energizer` and `checklist`: their arguments, and turning bad input into one line and a
non-zero exit. The work itself is in the core (`invitation`, `cases`, `proposals`, `prep_text`, `toolkit`,
`question_deck`); the texts people read are Dutch, the help is English like the rest of the command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cli import CommandError

if TYPE_CHECKING:
    from datetime import date, time

# The case guide's keys as flags; the same as `core.cases.GUIDE_KEYS` (a test holds them together), named here
# so that building the parser for every command does not import the case module.
CASE_FLAGS = ("events", "moment", "picture", "learn", "help_question")


def visible(text: str, *, multiline: bool = False) -> str:
    from .core.safe_text import visible as shown

    return shown(text, multiline=multiline)


def _one_line(what: str, value: str | None) -> str:
    from .core.safe_text import has_control

    text = (value or "").strip()
    if has_control(text) or len(text) > 200:
        raise CommandError(f"the {what} must be one line of plain text, at most 200 characters")
    return text


def _day(value: str) -> date:
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"'{visible(value)}' is not a day; write it as YYYY-MM-DD") from None


def _time(value: str) -> time:
    from datetime import datetime

    try:
        return datetime.strptime(value, "%H:%M").time()
    except ValueError:
        raise CommandError(f"'{visible(value)}' is not a time; write it as HH:MM") from None


def _cmd_invite(args: argparse.Namespace) -> int:
    from .core.catalog import UnknownProtocolError, resolve
    from .core.invitation import Invitation, check_host, configured_host, room_name, save_invitation
    from .core.protocol_loader import ProtocolError

    try:
        protocol = resolve(args.protocol)
    except ProtocolError as exc:
        raise CommandError(str(exc.problems[0])) from None
    except UnknownProtocolError as exc:
        raise CommandError(str(exc)) from None
    if args.minutes is not None and args.minutes <= 0:
        raise CommandError("--minutes must be a positive number")
    if args.size is not None and args.size < 1:
        raise CommandError("--size must be at least 1")
    invitation = Invitation(
        protocol=protocol,
        group=_one_line("group", args.group),
        day=_day(args.day),
        start=_time(args.time),
        minutes=args.minutes or round(protocol.planned_minutes()),
        room=room_name(),
        host=check_host(args.host) if args.host else configured_host(),
        contact=_one_line("contact line", args.contact),
        size=args.size,
    )
    for warning in invitation.warnings():
        print(f"intervisie: warning: {warning}", file=sys.stderr)
    print(invitation.markdown(), end="")
    if not args.no_save:
        path = save_invitation(invitation)
        print(f"intervisie: saved {path}", file=sys.stderr)
    return 0


def _answers_from_file(path: str) -> dict[str, str]:
    from .core.cases import GUIDE_KEYS
    from .core.diagnostics import Problem
    from .core.yaml_source import YamlSourceError, read_yaml

    try:
        doc = read_yaml(Path(path).read_bytes(), path)
    except OSError as exc:
        raise CommandError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except YamlSourceError as exc:
        raise CommandError(str(exc.problem)) from None
    if not isinstance(doc.data, dict):
        raise CommandError(f"{path}:1:1: must be a mapping of {', '.join(GUIDE_KEYS)} to answers")
    answers = {}
    for key, value in doc.data.items():
        line, col = doc.position((key,), of_key=True)
        if key not in GUIDE_KEYS:
            raise CommandError(str(Problem(path, line, col, f"unknown key '{key}'; known: {', '.join(GUIDE_KEYS)}")))
        if not isinstance(value, str):
            line, col = doc.position((key,))
            raise CommandError(str(Problem(path, line, col, f"{key}: must be text")))
        answers[key] = value
    return answers


def _ask(answers: dict[str, str]) -> dict[str, str]:
    """Ask every guide question on the terminal; an empty line ends an answer, Enter alone keeps the old one."""
    from .core.cases import GUIDE

    result = dict(answers)
    print("Werk je casus uit. Een antwoord mag meer regels hebben; een lege regel sluit het af.")
    for question in GUIDE:
        print(f"\n{question.question}\n  ({question.hint})")
        if old := answers.get(question.key):
            print(f"  Nu: {visible(old, multiline=True)}\n  (Enter houdt dit antwoord)")
        lines: list[str] = []
        while True:
            try:
                line = input("> ")
            except EOFError:
                break
            if not line:
                break
            lines.append(line)
        if lines:
            result[question.key] = "\n".join(lines)
    return result


def _cmd_prepare(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .core.cases import GUIDE_KEYS, CaseStore, PreparedCase, check_answer, check_label

    store = CaseStore()
    if args.list:
        group = check_label("group", args.group) if args.group else None
        for case in store.all(group):
            state = "shared" if case.shared else "private"
            print("\t".join((case.id, case.group, case.name, state, visible(case.help_question))))
        return 0
    if args.edit:
        found = store.find(args.edit)
        if found is None:
            raise CommandError(f"no prepared case with id '{visible(args.edit)}' (see 'intervisie casus --list')")
        case = found
    else:
        if not args.group or not args.name:
            raise CommandError("a new case needs --group and --name (or --edit ID to change one)")
        case = PreparedCase(
            id="", group=check_label("group", args.group), name=check_label("name", args.name), answers={}
        )
    answers = dict(case.answers)
    if args.answers_from:
        answers.update(_answers_from_file(args.answers_from))
    answers.update({key: getattr(args, key) for key in GUIDE_KEYS if getattr(args, key) is not None})
    if args.interactive or (sys.stdin.isatty() and not args.answers_from and answers == case.answers):
        answers = _ask(answers)
    answers = {key: check_answer(key, answers.get(key, "")) for key in GUIDE_KEYS}
    shared = case.shared if args.shared is None else args.shared
    saved = store.save(replace(case, answers=answers, shared=shared))
    print(f"{saved.id}\t{'shared' if saved.shared else 'private'}\t{saved.path}")
    return 0


def _cmd_propose(args: argparse.Namespace) -> int:
    from .core.cases import check_label
    from .core.proposals import ProposalStore, TopicProposal

    store = ProposalStore()
    group = check_label("group", args.group)
    if args.list:
        for proposal in store.all(group):
            print("\t".join(visible(part) for part in (proposal.id, proposal.name, proposal.question, proposal.link)))
        return 0
    if not args.name or not args.question:
        raise CommandError("a proposal needs --name and --question (or --list to see the group's proposals)")
    proposal = TopicProposal(group, args.name, args.question, args.introduction or "", args.link or "")
    saved = store.save(proposal)
    print(f"{saved.id}\t{saved.path}")
    return 0


def _cmd_prep_text(args: argparse.Namespace) -> int:
    from .core.cases import check_label
    from .core.prep_text import preparation

    text = preparation(check_label("group", args.group), check_label("name", args.name)).markdown()
    print(visible(text, multiline=True), end="")
    return 0


def _cmd_question(args: argparse.Namespace) -> int:
    from .core.archive import ArchiveError
    from .core.question_deck import QuestionDeck, QuestionHistory, asked_in_minutes, recent_questions
    from .core.store import Store
    from .core.toolkit import Moment, load_toolkit

    if args.skip < 0:
        raise CommandError("--skip must be 0 or more")
    toolkit = _toolkit(load_toolkit)
    moment = Moment(args.moment)
    group = _one_line("group", args.group)
    questions = toolkit.questions(moment)
    if not questions:
        raise CommandError(f"no {moment.value} questions found")
    history = QuestionHistory()
    recent: tuple[str, ...] = ()
    if group:
        try:
            asked = asked_in_minutes(Store().archive(), group)
        except ArchiveError:
            asked = []
        recent = recent_questions(history.recent(group, moment), asked)
    deck = QuestionDeck(questions, recent)
    for _ in range(args.skip):
        deck.next()
    print(deck.current)
    if group:
        history.remember(group, moment, deck.current)
    return 0


def _toolkit(load: Any) -> Any:
    toolkit = load()
    for problem in toolkit.problems:
        print(f"intervisie: skipped a broken file: {problem}", file=sys.stderr)
    return toolkit


def _cmd_energizer(args: argparse.Namespace) -> int:
    from .core.toolkit import load_toolkit

    toolkit = _toolkit(load_toolkit)
    chosen = toolkit.energizers
    if args.id:
        energizer = toolkit.energizer(args.id)
        if energizer is None:
            known = ", ".join(e.id for e in toolkit.energizers)
            raise CommandError(f"unknown energizer '{visible(args.id)}'; known: {known}")
        chosen = (energizer,)
    for energizer in chosen:
        print(f"{energizer.name} ({energizer.minutes:g} min) [{energizer.id}]\n  {energizer.how}")
    return 0


def _cmd_checklist(args: argparse.Namespace) -> int:
    from .core.toolkit import load_toolkit

    for section in _toolkit(load_toolkit).checklist:
        print(section.title)
        for item in section.items:
            print(f"  [ ] {item}")
    return 0


def add_commands(commands: Any) -> None:
    """Add the verbs around a session to the `intervisie` command's subparsers."""
    invite = commands.add_parser(
        "uitnodiging",
        aliases=["invite"],
        help="prepare the invitation for a (chat) session, with an unguessable room",
        description="Print the invitation (in Dutch) and save it as Markdown in the data folder.",
    )
    invite.add_argument("--group", help="the group's name")
    invite.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    invite.add_argument("--time", required=True, metavar="HH:MM", help="start time")
    invite.add_argument("--minutes", type=int, help="duration (default: the method's planned total)")
    invite.add_argument(
        "--size", type=int, metavar="N", help="number of participants (warns outside the method's range)"
    )
    invite.add_argument("--protocol", default="chat-sessie", help="the method (default: chat-sessie)")
    invite.add_argument("--contact", metavar="TEXT", help="how to reach the moderator between sessions")
    invite.add_argument("--host", help="the Jitsi Meet host (default: jitsi_host in settings.json, else meet.jit.si)")
    invite.add_argument("--no-save", action="store_true", help="print only; do not save a copy")
    invite.set_defaults(handler=_cmd_invite)

    prepare = commands.add_parser(
        "casus",
        aliases=["prepare"],
        help="prepare a case in advance with guiding questions, ending in a help question",
        description="Answers come from the flags, from --answers-from, or (on a terminal) from questions asked "
        "one by one. A case is private until --share.",
    )
    prepare.add_argument("--group", help="the group the case is for")
    prepare.add_argument("--name", help="your name")
    prepare.add_argument("--edit", metavar="ID", help="change a saved case (see --list)")
    prepare.add_argument("--list", action="store_true", help="list saved cases (of --group), tab-separated")
    prepare.add_argument("--answers-from", metavar="FILE", help="a YAML file with the answers by key")
    for key in CASE_FLAGS:
        prepare.add_argument(f"--{key.replace('_', '-')}", dest=key, metavar="TEXT")
    prepare.add_argument("--interactive", action="store_true", help="ask the questions even when flags answer them")
    sharing = prepare.add_mutually_exclusive_group()
    sharing.add_argument("--share", dest="shared", action="store_true", default=None, help="share with the group")
    sharing.add_argument("--private", dest="shared", action="store_false", help="keep it to yourself (default)")
    prepare.set_defaults(handler=_cmd_prepare)

    prep_text = commands.add_parser(
        "voorbereiding",
        aliases=["prep-text"],
        help="a participant's preparation text for an intervisie chat, from the group's minutes",
    )
    prep_text.add_argument("--group", required=True)
    prep_text.add_argument("--name", required=True, help="the participant, as named in the minutes")
    prep_text.set_defaults(handler=_cmd_prep_text)

    propose = commands.add_parser(
        "voorstel",
        aliases=["propose"],
        help="keep a participant's topic proposal for a next chat: a question, an introduction, a link",
        description="A chat session's introduction step offers the group's proposals (F12).",
    )
    propose.add_argument("--group", required=True, help="the group the proposal is for")
    propose.add_argument("--name", help="who proposed it")
    propose.add_argument("--question", metavar="TEXT", help="the clear question, one line")
    propose.add_argument("--introduction", metavar="TEXT", help="a short personal introduction")
    propose.add_argument("--link", metavar="URL", help="a source to read or watch (http or https)")
    propose.add_argument("--list", action="store_true", help="list the group's proposals, tab-separated")
    propose.set_defaults(handler=_cmd_propose)

    question = commands.add_parser(
        "vraag", aliases=["question"], help="a check-in or check-out question the group has not had lately"
    )
    question.add_argument("moment", choices=("check-in", "check-out"))
    question.add_argument("--group", help="remember the question for this group, and avoid its recent ones")
    question.add_argument("--skip", type=int, default=0, metavar="N", help="pass over N questions (another one)")
    question.set_defaults(handler=_cmd_question)

    energizer = commands.add_parser("energizer", help="energizers: how each goes and how long it takes")
    energizer.add_argument("id", nargs="?", help="one energizer by id")
    energizer.set_defaults(handler=_cmd_energizer)

    commands.add_parser("checklist", help="what to arrange before a session starts").set_defaults(
        handler=_cmd_checklist
    )
