"""The command-line verbs for the time around a session: invitation, case preparation, preparation text, toolkit.

Owns `uitnodiging` (`invite`), `casus` (`prepare`), `voorstel` (`propose`), `voorbereiding` (`prep-text`),
`vraag` (`question`), `energizer` and `checklist`: their arguments, and turning bad input into one line and a
non-zero exit. The work itself is in the core (`invitation`, `cases`, `proposals`, `prep_text`, `toolkit`,
`question_deck`). Help and messages come from the words package in the command's language, and so does the
invitation itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .cli import PROG, CommandError, resolve_protocol, whole_number
from .words import Texts

# The case guide's keys as flags; the same as `core.cases.GUIDE_KEYS` (a test holds them together), named here
# so that building the parser for every command does not import the case module.
CASE_FLAGS = ("events", "moment", "picture", "learn", "help_question")


def visible(text: str, *, multiline: bool = False) -> str:
    from .core.safe_text import visible as shown

    return shown(text, multiline=multiline)


def _one_line(what: str, value: str | None, texts: Texts) -> str:
    """`value` as one line of text; `what` is the key of its name in the words package (`cli.what.group`)."""
    from .core.safe_text import has_control

    text = (value or "").strip()
    if has_control(text) or len(text) > 200:
        raise CommandError("cli.one_line", what=texts(what))
    return text


def _cmd_invite(args: argparse.Namespace) -> int:
    from .core.added_steps import planned_total
    from .core.invitation import (
        Invitation,
        check_host,
        configured_host,
        parse_day,
        parse_time,
        room_name,
        save_invitation,
    )

    protocol = resolve_protocol(args.protocol)
    if args.minutes is not None and args.minutes <= 0:
        raise CommandError("cli.minutes_positive")
    if args.size is not None and args.size < 1:
        raise CommandError("cli.size_positive")
    texts: Texts = args.texts
    invitation = Invitation(
        protocol=protocol,
        group=_one_line("cli.what.group", args.group, texts),
        day=parse_day(args.day),
        start=parse_time(args.time),
        minutes=args.minutes or round(planned_total(protocol)),
        room=room_name(),
        host=check_host(args.host) if args.host else configured_host(),
        contact=_one_line("cli.what.contact", args.contact, texts),
        size=args.size,
        language=texts.language,
    )
    for warning in invitation.warnings(texts):
        print(f"{PROG}: {texts('cli.warning', warning=warning)}", file=sys.stderr)
    print(invitation.markdown(), end="")
    if not args.no_save:
        path = save_invitation(invitation)
        print(f"{PROG}: {texts('cli.saved', path=path)}", file=sys.stderr)
    return 0


def _answers_from_file(path: str, texts: Texts) -> dict[str, str]:
    from .core.cases import GUIDE_KEYS
    from .core.diagnostics import Problem
    from .core.yaml_source import YamlSourceError, read_yaml

    try:
        doc = read_yaml(Path(path).read_bytes(), path)
    except OSError as exc:
        raise CommandError("cli.cannot_read_file", path=path, reason=exc.strerror or exc) from None
    except YamlSourceError as exc:
        raise CommandError.problem(exc.problem) from None
    if not isinstance(doc.data, dict):
        raise CommandError("cli.answers_mapping", path=path, keys=", ".join(GUIDE_KEYS))
    answers = {}
    for key, value in doc.data.items():
        line, col = doc.position((key,), of_key=True)
        if key not in GUIDE_KEYS:
            known = ", ".join(GUIDE_KEYS)
            raise CommandError.problem(Problem(path, line, col, "cli.unknown_key", {"key": key, "known": known}))
        if not isinstance(value, str):
            line, col = doc.position((key,))
            raise CommandError.problem(Problem(path, line, col, "cli.must_be_text", {"key": key}))
        answers[key] = value
    return answers


def _ask(answers: dict[str, str], texts: Texts) -> dict[str, str]:
    """Ask every guide question on the terminal; an empty line ends an answer, Enter alone keeps the old one."""
    from .core.cases import GUIDE

    result = dict(answers)
    print(texts("cli.case.intro"))
    for question in GUIDE:
        print(f"\n{question.question}\n  ({question.hint})")
        if old := answers.get(question.key):
            print(texts("cli.case.now", old=visible(old, multiline=True)))
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
    texts: Texts = args.texts
    if args.list:
        group = check_label("group", args.group) if args.group else None
        for case in store.all(group):
            state = texts("cli.case.shared" if case.shared else "cli.case.private")
            print("\t".join((case.id, case.group, case.name, state, visible(case.help_question))))
        return 0
    if args.edit:
        found = store.find(args.edit)
        if found is None:
            raise CommandError("cli.no_case", id=visible(args.edit))
        case = found
    else:
        if not args.group or not args.name:
            raise CommandError("cli.new_case_needs")
        case = PreparedCase(
            id="", group=check_label("group", args.group), name=check_label("name", args.name), answers={}
        )
    answers = dict(case.answers)
    if args.answers_from:
        answers.update(_answers_from_file(args.answers_from, texts))
    answers.update({key: getattr(args, key) for key in GUIDE_KEYS if getattr(args, key) is not None})
    if args.interactive or (sys.stdin.isatty() and not args.answers_from and answers == case.answers):
        answers = _ask(answers, texts)
    answers = {key: check_answer(key, answers.get(key, "")) for key in GUIDE_KEYS}
    shared = case.shared if args.shared is None else args.shared
    saved = store.save(replace(case, answers=answers, shared=shared))
    state = texts("cli.case.shared" if saved.shared else "cli.case.private")
    print(f"{saved.id}\t{state}\t{saved.path}")
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
        raise CommandError("cli.propose.needs")
    proposal = TopicProposal(group, args.name, args.question, args.introduction or "", args.link or "")
    saved = store.save(proposal)
    print(f"{saved.id}\t{saved.path}")
    return 0


def _cmd_prep_text(args: argparse.Namespace) -> int:
    from .core.cases import check_label
    from .core.prep_text import preparation

    text = preparation(check_label("group", args.group), check_label("name", args.name)).markdown(args.texts)
    print(visible(text, multiline=True), end="")
    return 0


def _cmd_question(args: argparse.Namespace) -> int:
    from .core.archive import ArchiveError
    from .core.question_deck import QuestionDeck, QuestionHistory, asked_in_minutes, recent_questions
    from .core.store import Store
    from .core.toolkit import Moment, load_toolkit

    if args.skip < 0:
        raise CommandError("cli.skip_negative")
    toolkit = _toolkit(load_toolkit, args.texts)
    moment = Moment(args.moment)
    group = _one_line("cli.what.group", args.group, args.texts)
    questions = toolkit.questions(moment)
    if not questions:
        raise CommandError("cli.no_questions", moment=moment.value)
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


def _toolkit(load: Any, texts: Texts) -> Any:
    toolkit = load()
    for problem in toolkit.problems:
        print(f"{PROG}: {texts('cli.skipped_broken_file', problem=problem.say(texts))}", file=sys.stderr)
    return toolkit


def _cmd_energizer(args: argparse.Namespace) -> int:
    from .core.toolkit import load_toolkit

    toolkit = _toolkit(load_toolkit, args.texts)
    chosen = toolkit.energizers
    if args.id:
        energizer = toolkit.energizer(args.id)
        if energizer is None:
            known = ", ".join(e.id for e in toolkit.energizers)
            raise CommandError("cli.unknown_energizer", id=visible(args.id), known=known)
        chosen = (energizer,)
    for energizer in chosen:
        print(
            args.texts(
                "cli.energizer", name=energizer.name, minutes=energizer.minutes, id=energizer.id, how=energizer.how
            )
        )
    return 0


def _cmd_checklist(args: argparse.Namespace) -> int:
    from .core.toolkit import load_toolkit

    for section in _toolkit(load_toolkit, args.texts).checklist:
        print(section.title)
        for item in section.items:
            print(f"  [ ] {item}")
    return 0


def _verb(commands: Any, t: Texts, dutch: str, english: str, **options: str) -> Any:
    """A verb named in the command's language, with its name in the other language as an alias."""
    name, alias = (english, dutch) if t.language == "en" else (dutch, english)
    return commands.add_parser(name, aliases=[alias], **options)


def add_commands(commands: Any, t: Texts) -> None:
    """Add the verbs around a session to the `intervisie` command's subparsers, with help in the words of `t`."""
    invite = _verb(
        commands, t, "uitnodiging", "invite", help=t("cli.invite.help"), description=t("cli.invite.description")
    )
    group, name, text, whole = t("cli.metavar.group"), t("cli.metavar.name"), t("cli.metavar.text"), whole_number(t)
    invite.add_argument("--group", metavar=group, help=t("cli.invite.group"))
    invite.add_argument("--day", required=True, metavar=t("cli.metavar.day"), help=t("cli.invite.day"))
    invite.add_argument("--time", required=True, metavar=t("cli.metavar.time"), help=t("cli.invite.time"))
    invite.add_argument("--minutes", type=whole, metavar=t("cli.metavar.minutes"), help=t("cli.invite.minutes"))
    invite.add_argument("--size", type=whole, metavar="N", help=t("cli.invite.size"))
    invite.add_argument(
        "--protocol", default="chat-sessie", metavar=t("cli.metavar.protocol"), help=t("cli.invite.protocol")
    )
    invite.add_argument("--contact", metavar=text, help=t("cli.invite.contact"))
    invite.add_argument("--host", metavar=t("cli.metavar.host"), help=t("cli.invite.host"))
    invite.add_argument("--no-save", action="store_true", help=t("cli.invite.no_save"))
    invite.set_defaults(handler=_cmd_invite)

    prepare = _verb(
        commands, t, "casus", "prepare", help=t("cli.prepare.help"), description=t("cli.prepare.description")
    )
    prepare.add_argument("--group", metavar=group, help=t("cli.prepare.group"))
    prepare.add_argument("--name", metavar=name, help=t("cli.prepare.name"))
    prepare.add_argument("--edit", metavar="ID", help=t("cli.prepare.edit"))
    prepare.add_argument("--list", action="store_true", help=t("cli.prepare.list"))
    prepare.add_argument("--answers-from", metavar=t("cli.metavar.file"), help=t("cli.prepare.answers_from"))
    for key in CASE_FLAGS:
        prepare.add_argument(f"--{key.replace('_', '-')}", dest=key, metavar=text, help=t(f"cli.prepare.{key}"))
    prepare.add_argument("--interactive", action="store_true", help=t("cli.prepare.interactive"))
    sharing = prepare.add_mutually_exclusive_group()
    sharing.add_argument("--share", dest="shared", action="store_true", default=None, help=t("cli.prepare.share"))
    sharing.add_argument("--private", dest="shared", action="store_false", help=t("cli.prepare.private"))
    prepare.set_defaults(handler=_cmd_prepare)

    prep_text = _verb(commands, t, "voorbereiding", "prep-text", help=t("cli.prep_text.help"))
    prep_text.add_argument("--group", required=True, metavar=group, help=t("cli.prep_text.group"))
    prep_text.add_argument("--name", required=True, metavar=name, help=t("cli.prep_text.name"))
    prep_text.set_defaults(handler=_cmd_prep_text)

    propose = _verb(commands, t, "voorstel", "propose", help=t("cli.propose.help"))
    propose.description = t("cli.propose.description")
    propose.add_argument("--group", required=True, metavar=group, help=t("cli.propose.group"))
    propose.add_argument("--name", metavar=name, help=t("cli.propose.name"))
    propose.add_argument("--question", metavar=text, help=t("cli.propose.question"))
    propose.add_argument("--introduction", metavar=text, help=t("cli.propose.introduction"))
    propose.add_argument("--link", metavar="URL", help=t("cli.propose.link"))
    propose.add_argument("--list", action="store_true", help=t("cli.propose.list"))
    propose.set_defaults(handler=_cmd_propose)

    question = _verb(commands, t, "vraag", "question", help=t("cli.question.help"))
    question.add_argument("moment", choices=("check-in", "check-out"), help=t("cli.question.moment"))
    question.add_argument("--group", metavar=group, help=t("cli.question.group"))
    question.add_argument("--skip", type=whole, default=0, metavar="N", help=t("cli.question.skip"))
    question.set_defaults(handler=_cmd_question)

    energizer = commands.add_parser("energizer", help=t("cli.energizer.help"))
    energizer.add_argument("id", nargs="?", metavar="ID", help=t("cli.energizer.id"))
    energizer.set_defaults(handler=_cmd_energizer)

    commands.add_parser("checklist", help=t("cli.checklist.help")).set_defaults(handler=_cmd_checklist)
