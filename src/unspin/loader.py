"""Read and validate the rule data in ``rules/``: dictionaries, context rules, word classes.

Every problem is reported as ``file:line: what is wrong``; a rule set with any problem
does not load (prh's stance: a rule whose examples or syntax are broken is not a rule).
"""

from __future__ import annotations

import dataclasses
import functools
import stat
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import regex

from . import cache, plaindata, triggers, wordlists
from .config import ConfigError, read_user_file
from .inflect import expand
from .model import CATEGORIES
from .textutil import WORD_RE, tokenize_key


class RuleError(Exception):
    """The rule data is invalid; ``problems`` holds one ``file:line: message`` each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Example:
    text: str
    fixed: str | None  # None: a clean sentence that must stay as it is
    where: str


#: ``safe:`` values: yes (always applied), no (suggest-only), spin (applied in spun text),
#: report (only ever reported unless selected by id), flag (points at a problem, no fix);
#: ``spin report`` is the spin tier in spun text and report-only elsewhere
SAFE_VALUES = ("yes", "no", "spin", "report", "flag", "spin report")
#: ``shown:`` values: always, or spun (a report-only finding shown only where the text reads as
#: spun, unless --all-findings)
SHOWN_VALUES = ("always", "spun")


@dataclass
class Rule:
    """What every kind of rule has: id, confidence, reason, examples, where it may reach."""

    #: the kind's name and the stanza keys it takes besides the common ones
    kind: ClassVar[str] = ""
    KEYS: ClassVar[frozenset[str]] = frozenset()
    #: stanza keys every kind takes
    COMMON_KEYS: ClassVar[frozenset[str]] = frozenset({"category", "safe", "shown", "why", "allow"})

    id: str
    category: str
    safe: bool
    reason: str
    where: str
    examples: list[Example] = field(default_factory=list)
    #: the spin tier: applied only in text judged spun, a suggestion elsewhere
    spin: bool = False
    #: only ever reported, unless the user selects the rule by its id (``safe: report``)
    report: bool = False
    #: points at a problem with no automatic fix: its edit replaces a span by itself (``safe: flag``)
    flag: bool = False
    #: "spun": a report-only finding shown only where the text reads as spun (``--all-findings``: always)
    shown: str = "always"
    #: protected kinds this rule may touch (``allow: number quote``)
    allow: frozenset[str] = frozenset()

    @classmethod
    def stanza_keys(cls) -> frozenset[str]:
        return cls.COMMON_KEYS | cls.KEYS

    @classmethod
    def from_stanza(cls, st: Stanza, classes: dict, problems: list[str]) -> Rule:
        """A rule of this kind from a parsed stanza; each problem is added as ``file:line: ...``."""
        for key, (_value, line) in st.fields.items():
            if key not in cls.stanza_keys():
                problems.append(f"{st.file}:{line}: a {cls.kind} rule takes no '{key}:' ({_KEY_OWNERS[key]})")
        rule = cls(**cls._common(st, problems))
        if not rule.reason:
            problems.append(f"{st.where}: rule '{rule.id}' has no 'why:'")
        rule._read(st, classes, problems)
        if rule.needs_example() and not any(e.fixed for e in rule.examples):
            problems.append(f"{st.where}: rule '{rule.id}' has no '+ spun => fixed' example")
        return rule

    @staticmethod
    def _common(st: Stanza, problems: list[str]) -> dict:
        category = st.get("category", "context")
        if category not in CATEGORIES:
            problems.append(f"{st.at('category')}: unknown category '{category}'")
        safe = st.get("safe", "yes")
        if safe not in SAFE_VALUES:
            problems.append(
                f"{st.at('safe')}: safe is 'yes', 'no', 'spin' (applied only in spun text), 'report' (only "
                "reported unless selected by id), 'flag' (no automatic fix) or 'spin report'"
            )
        shown = st.get("shown", "always")
        if shown not in SHOWN_VALUES:
            problems.append(f"{st.at('shown')}: shown is 'always' or 'spun' (only where the text reads as spun)")
        elif shown != "always" and "report" not in safe.split():
            problems.append(f"{st.at('shown')}: 'shown:' is for report-only rules ('safe: report')")
        words = safe.split()
        return {
            "id": st.id,
            "category": category,
            "safe": safe == "yes",
            "reason": st.get("why", ""),
            "where": st.where,
            "examples": st.examples,
            "spin": "spin" in words,
            "report": "report" in words,
            "flag": safe == "flag",
            "shown": shown,
            "allow": frozenset(st.get("allow", "").split()),
        }

    def _read(self, st: Stanza, classes: dict, problems: list[str]) -> None:
        """Read the kind's own keys (after the common ones)."""

    def needs_example(self) -> bool:
        return True


@dataclass
class PhraseRule(Rule):
    """A dictionary entry (``*.dict``): a spun phrase and the standard phrase it replaced."""

    kind: ClassVar[str] = "phrase"

    spun: str = ""
    standard: str = ""
    inflect: str = ""  # verb | noun: the forms one entry covers
    conditions: dict = field(default_factory=dict)  # when/unless/after/before -> (negated, class)


@functools.cache
def _compiled(source: str, flags: int) -> regex.Pattern:
    return regex.compile(source, flags)


@dataclass(frozen=True)
class Pattern:
    """A rule's regular expression, compiled on first use. Compiling every rule's pattern was
    most of a cold start, and on a short text most rules never run (their ``triggers`` are
    absent), so a loaded rule set holds the source and compiles what a text needs."""

    pattern: str
    flags: int = regex.V1

    @property
    def compiled(self) -> regex.Pattern:
        return _compiled(self.pattern, self.flags)

    def finditer(self, text: str):
        return self.compiled.finditer(text)

    def search(self, text: str):
        return self.compiled.search(text)

    @property
    def groupindex(self):
        return self.compiled.groupindex


#: a pattern that matches nothing: a context rule's before its 'match:' is read
NEVER = Pattern(r"(?!)")


@dataclass
class ContextRule(Rule):
    """A regular expression that decides where a word is spun (``context/*.rules``, ``spin/*.rules``)."""

    kind: ClassVar[str] = "context"
    KEYS: ClassVar[frozenset[str]] = frozenset({"match", "replace", "when", "unless"})

    pattern: Pattern = NEVER  # (a rule set that loads has every pattern: a bad one is a RuleError)
    replace: str = ""
    when: Pattern | None = None
    unless: Pattern | None = None
    #: words one of which (in lower case) every match holds (``unspin.triggers``); empty: unknown
    triggers: frozenset[str] = frozenset()

    def _read(self, st: Stanza, classes: dict, problems: list[str]) -> None:
        if "match" not in st.fields or "replace" not in st.fields:
            problems.append(f"{st.where}: a context rule needs 'match:' and 'replace:'")
            return
        replace = st.get("replace")
        self.replace = replace.strip('"') if replace != '""' else ""
        for key in ("match", "when", "unless"):
            if key not in st.fields:
                continue
            try:
                source = expand_macros(st.get(key), classes)
                regex.compile(source, regex.V1)  # (checked here; a loaded rule compiles it when used)
            except KeyError as exc:
                problems.append(f"{st.where}: unknown word class '{{{exc.args[0]}}}' in {key}")
            except regex.error as exc:
                problems.append(f"{st.where}: bad regex in {key}: {exc}")
            else:
                setattr(self, "pattern" if key == "match" else key, Pattern(source))
                if key == "match":
                    self.triggers = triggers.required(source)


@dataclass
class PassRule(Rule):
    """A rule a code pass implements (``passes.rules``): the pass in ``src/unspin/passes/NAME.py``
    (or the grammar package) decides where it fires; the data gives its confidence, reason and examples."""

    kind: ClassVar[str] = "pass"
    KEYS: ClassVar[frozenset[str]] = frozenset({"pass", "prefix"})

    #: the pass that emits it: a module name under ``unspin.passes``, or ``grammar``
    pass_name: str = ""
    #: another checker's ids this rule stands for ('HARPER:' for 'HARPER:Agreement' ...)
    prefix: str = ""

    def _read(self, st: Stanza, classes: dict, problems: list[str]) -> None:
        self.pass_name = st.get("pass")
        if not regex.fullmatch(r"[a-z][a-z0-9_]*", self.pass_name):
            problems.append(f"{st.at('pass')}: 'pass:' names a pass module (spacing, mt, grammar ...)")
        self.prefix = st.get("prefix", "")
        if "prefix" in st.fields and not regex.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*:", self.prefix):
            problems.append(f"{st.at('prefix')}: 'prefix:' is a checker's id prefix ending in ':' ('HARPER:')")

    def needs_example(self) -> bool:
        # another checker's findings (its own tests cover them) cannot be run from here
        return not self.prefix


#: the kinds a stanza can be, and who owns each stanza key (for 'a pass rule takes no ...' messages)
STANZA_KINDS = (ContextRule, PassRule)
_KEY_OWNERS = {key: f"'{key}:' is for {cls.kind} rules" for cls in STANZA_KINDS for key in cls.KEYS}


class Stanza:
    """One ``[id]`` stanza as read: its keys (value, line) and examples, before it becomes a rule."""

    def __init__(self, file: Path, line: int, rid: str):
        self.file, self.line, self.id = file, line, rid
        self.fields: dict[str, tuple[str, int]] = {}
        self.examples: list[Example] = []

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def get(self, key: str, default: str = "") -> str:
        return self.fields[key][0] if key in self.fields else default

    def at(self, key: str) -> str:
        """``file:line`` of ``key`` (of the header when the key is missing)."""
        return f"{self.file}:{self.fields[key][1]}" if key in self.fields else self.where

    def kind(self) -> type[Rule]:
        """Context rules have 'match:'/'replace:'; a stanza with only 'pass:' is a pass rule."""
        if "pass" in self.fields and not ("match" in self.fields or "replace" in self.fields):
            return PassRule
        return ContextRule


@dataclass
class Variant:
    """One surface form of a phrase rule, as the matcher sees it."""

    words: tuple[str, ...]
    replacement: str  # may hold "past\0participle" alternatives
    rule: PhraseRule


@dataclass
class RuleSet:
    rules: dict[str, Rule]
    classes: dict[str, frozenset[str]]
    variants: dict[tuple[str, ...], list[Variant]]  # first two words (or one) -> variants, longest first
    root: Path
    #: spun word -> standard words it replaced, learned from the shipped dictionary's entries
    synonyms: dict[str, frozenset[str]] = field(default_factory=dict)

    #: another checker's id prefix -> the pass rule its findings belong to ('HARPER:' -> 'grammar.harper')
    prefixes: dict[str, str] = field(default_factory=dict)
    #: the first word of every phrase variant: a word not in it starts no phrase (a fast filter)
    first_words: frozenset[str] = frozenset()

    def context_rules(self) -> list[ContextRule]:
        return self._kinds[ContextRule]

    def pass_rules(self) -> list[PassRule]:
        return self._kinds[PassRule]

    @functools.cached_property
    def _kinds(self) -> dict[type, list]:
        """The rules of each kind, in order: sorted once per rule set, not once per document
        (a corpus of short documents asks for them thousands of times)."""
        kinds: dict[type, list] = {ContextRule: [], PassRule: [], PhraseRule: []}
        for rule in self.rules.values():
            kinds.setdefault(type(rule), []).append(rule)
        return kinds

    def lookup(self, rule_id: str) -> Rule | None:
        """The rule an emitted id belongs to: the rule of that id, or the one declaring its prefix."""
        rule = self.rules.get(rule_id)
        if rule is None and self.prefixes:
            head, sep, _ = rule_id.partition(":")
            owner = self.prefixes.get(head + sep) if sep else None
            rule = self.rules.get(owner) if owner else None
        return rule


def check_passes(rules: RuleSet, declared: dict[str, frozenset[str]]) -> None:
    """The data against the code, both ways: every pass rule names a pass that declares its id,
    and every id a pass declares (its module's ``RULES``) is a pass rule of that pass in the data.
    ``declared``: pass name -> the ids it declares. RuleError on any mismatch."""
    problems = []
    for rule in rules.pass_rules():
        if rule.pass_name not in declared:
            problems.append(
                f"{rule.where}: rule '{rule.id}' names pass '{rule.pass_name}', which is not a pass "
                f"(passes: {', '.join(sorted(declared))})"
            )
        elif rule.id not in declared[rule.pass_name]:
            problems.append(
                f"{rule.where}: rule '{rule.id}' names pass '{rule.pass_name}', whose RULES do not declare it"
            )
    for name, ids in sorted(declared.items()):
        for rid in sorted(ids):
            found = rules.rules.get(rid)
            if found is None:
                problems.append(f"pass '{name}' declares '{rid}' in its RULES, and no rule in the data has that id")
            elif not isinstance(found, PassRule):
                problems.append(f"pass '{name}' declares '{rid}', which {found.where} defines as a {found.kind} rule")
            elif found.pass_name != name:
                problems.append(
                    f"pass '{name}' declares '{rid}', which {found.where} gives to pass '{found.pass_name}'"
                )
    if problems:
        raise RuleError(problems)


def rules_dir() -> Path:
    """The shipped rule data (see ``wordlists.rules_dir``); its absence is a RuleError here."""
    try:
        return wordlists.rules_dir()
    except wordlists.MissingData as exc:
        raise RuleError([str(exc)]) from None


def expand_macros(pattern: str, classes: dict[str, frozenset[str]]) -> str:
    def sub(m):
        name = m.group(1)
        if name not in classes:
            raise KeyError(name)
        return wordlists.words_regex(classes[name])

    return regex.sub(r"\{([a-z][a-z0-9-]*)\}", sub, pattern)


# ---------------------------------------------------------------- examples
def _parse_example(body: str, sign: str, where: str, problems: list[str]) -> Example | None:
    if sign == "+":
        spun, sep, fixed = body.partition(" => ")
        if not sep or not spun.strip() or not fixed.strip():
            problems.append(f"{where}: a '+' example needs 'spun sentence => repaired sentence'")
            return None
        return Example(spun.strip(), fixed.strip(), where)
    if " => " in body:
        problems.append(f"{where}: a '-' example is a clean sentence; it takes no '=>'")
        return None
    return Example(body.strip(), None, where)


# ---------------------------------------------------------------- dictionaries
_FLAG_RE = regex.compile(r"(suggest|spin|verb|noun)|(when|unless|after|before)=(!?)([a-z][a-z0-9-]*)")


def parse_dictionary(
    path: Path, problems: list[str], classes: dict, *, own: bool = True, text: str | None = None
) -> list[PhraseRule]:
    """unspin's own dictionary format (see rules/README.md). A user's (``own=False``) entries are
    all suggest-only: unspin has not checked their examples against its corpora."""
    category, rules = "phrase", []
    current: Rule | None = None
    text = path.read_text(encoding="utf-8") if text is None else text
    for n, raw in enumerate(text.splitlines(), 1):
        where = f"{path}:{n}"
        if raw != raw.rstrip():
            problems.append(f"{where}: trailing whitespace")
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw.startswith("%category "):
            category = raw.split(None, 1)[1].strip()
            if category not in CATEGORIES:
                problems.append(f"{where}: unknown category '{category}'")
            continue
        if raw[0].isspace():
            body = raw.strip()
            if current is None:
                problems.append(f"{where}: example or note before any entry")
            elif body[:2] in ("+ ", "- "):
                ex = _parse_example(body[2:], body[0], where, problems)
                if ex:
                    current.examples.append(ex)
            elif body.startswith("why: "):
                current.reason = body[5:].strip()
            else:
                problems.append(f"{where}: an indented line is '+ spun => fixed', '- clean sentence' or 'why: reason'")
            continue
        head, _, flags = raw.partition(" | ")
        spun, sep, standard = head.partition(" -> ")
        spun, standard = spun.strip(), standard.strip()
        if not sep or not spun or not standard:
            problems.append(f"{where}: expected 'spun phrase -> standard phrase [| flags]'")
            current = None
            continue
        rule = PhraseRule(
            id=f"{category}:{'-'.join(tokenize_key(spun))}",
            category=category,
            safe=True,
            reason="",
            where=where,
            spun=spun,
            standard=standard,
        )
        for flag in flags.split():
            m = _FLAG_RE.fullmatch(flag)
            if not m:
                problems.append(f"{where}: unknown flag '{flag}'")
            elif m.group(1) == "suggest":
                rule.safe = False
            elif m.group(1) == "spin":
                rule.safe, rule.spin = False, True
            elif m.group(1):
                rule.inflect = m.group(1)
            else:
                if m.group(4) not in classes:
                    problems.append(f"{where}: unknown word class '{m.group(4)}'")
                rule.conditions[m.group(2)] = (bool(m.group(3)), m.group(4))
        if " ".join(tokenize_key(spun)) != " ".join(WORD_RE.findall(spun)).lower().replace("’", "'"):
            problems.append(f"{where}: the key '{spun}' has characters the word tokenizer drops")
        if tokenize_key(spun) == tokenize_key(standard):
            problems.append(f"{where}: '{spun}' maps to itself")
        if not rule.reason:
            rule.reason = (
                "filler a spinner inserts" if category == "filler" else "a spinner's synonym swap for a standard phrase"
            )
        if not own:
            rule.safe = False
        rules.append(rule)
        current = rule
    if own:
        for r in rules:
            if not any(e.fixed for e in r.examples):
                problems.append(f"{r.where}: '{r.spun}' has no '+ spun => fixed' example")
    return rules


def parse_tsv_dictionary(path: Path, problems: list[str], text: str | None = None) -> list[PhraseRule]:
    """The tortured-phrases format: tab-separated ``tortured<TAB>correct`` (header optional)."""
    import csv  # only user dictionaries in this format need it
    import io

    rules = []
    text = path.read_text(encoding="utf-8") if text is None else text
    with io.StringIO(text, newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t"), 1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < 2:
                problems.append(f"{path}:{n}: expected 'tortured<TAB>correct'")
                continue
            spun, standard = row[0].strip(), row[1].strip()
            if n == 1 and spun.lower() in ("tortured", "tortured phrase", "spun", "from"):
                continue
            if not spun or not standard or tokenize_key(spun) == tokenize_key(standard):
                continue
            rules.append(
                PhraseRule(
                    id=f"user:{'-'.join(tokenize_key(spun))}",
                    category="phrase",
                    safe=False,
                    reason=f"user dictionary {path.name}: '{spun}' -> '{standard}'",
                    where=f"{path}:{n}",
                    spun=spun,
                    standard=standard,
                )
            )
    return rules


# ---------------------------------------------------------------- stanza rules
_STANZA_KEYS = Rule.COMMON_KEYS.union(*(cls.KEYS for cls in STANZA_KINDS))
#: keys whose value may go on over the next lines: a line that starts with whitespace continues
#: it, joined with no separator (a long pattern split where it reads best)
_CONTINUED_KEYS = frozenset({"match", "when", "unless"})


def parse_stanzas(path: Path, problems: list[str], classes: dict) -> list[Rule]:
    """Context and pass rules: ``[id]`` then ``key: value`` lines and ``+``/``-`` examples;
    each stanza becomes the kind its keys name, which checks the keys it owns."""
    stanzas: list[Stanza] = []
    current: Stanza | None = None
    continued: str | None = None  # the key an indented line would continue
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{n}"
        line = raw.strip()
        if raw != raw.rstrip():
            problems.append(f"{where}: trailing whitespace")
        if not line or line.startswith("#"):
            continued = None
            continue
        if raw[0].isspace():
            if current is not None and continued is not None:
                value, at = current.fields[continued]
                current.fields[continued] = (value + line, at)
            else:
                problems.append(f"{where}: an indented line continues a 'match:', 'when:' or 'unless:' value")
            continue
        continued = None
        m = regex.fullmatch(r"\[([a-z0-9][a-z0-9.:-]*)\]", line)
        if m:
            current = Stanza(path, n, m.group(1))
            stanzas.append(current)
            continue
        if current is None:
            problems.append(f"{where}: expected a '[rule-id]' header first")
            continue
        if line[:2] in ("+ ", "- "):
            ex = _parse_example(line[2:], line[0], where, problems)
            if ex:
                current.examples.append(ex)
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in _STANZA_KEYS:
            problems.append(f"{where}: unknown key '{key}'" if sep else f"{where}: expected 'key: value'")
            continue
        if key in current.fields:
            problems.append(f"{where}: '{key}' given twice")
        current.fields[key] = (value.strip(), n)
        continued = key if key in _CONTINUED_KEYS else None
    return [st.kind().from_stanza(st, classes, problems) for st in stanzas]


# ---------------------------------------------------------------- the whole set
def _variants(rules: list[PhraseRule], root: Path, problems: list[str]) -> dict[tuple[str, ...], list[Variant]]:
    table: dict[tuple[str, ...], Variant] = {}
    irregular = str(root / "irregular-verbs.txt")
    for rule in rules:
        for spun, standard, _slot in expand(rule.spun, rule.standard, rule.inflect, irregular):
            key = tokenize_key(spun)
            if key in table and table[key].rule is not rule:
                other = table[key].rule
                if other.kind == rule.kind and not other.id.startswith("user:") and not rule.id.startswith("user:"):
                    problems.append(f"{rule.where}: '{spun}' duplicates {other.where}")
                continue  # the first definition wins (shipped rules load before user rules)
            table[key] = Variant(key, standard, rule)
    # chains: an entry whose output is itself a key (a -> b, b -> c)
    for key, var in table.items():
        for alt in var.replacement.split("\0"):
            target = tokenize_key(alt)
            if target in table and target != key and table[target].rule is not var.rule:
                problems.append(
                    f"{var.rule.where}: chain: '{' '.join(key)}' -> '{alt}', "
                    f"which {table[target].rule.where} rewrites again"
                )
    index: dict[tuple[str, ...], list[Variant]] = {}
    for var in table.values():  # keyed by the first two words (one for one-word entries)
        index.setdefault(var.words[:2], []).append(var)
    for lst in index.values():
        lst.sort(key=lambda v: -len(v.words))
    return index


def load(extra: tuple[str, ...] = ()) -> RuleSet:
    return _load_cached(tuple(str(Path(p).resolve()) for p in extra))


def _dataclasses() -> dict[str, type]:
    """The classes a cached rule set may hold: every dataclass defined in this module."""
    return {
        name: obj
        for name, obj in globals().items()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == __name__
    }


def _cache_key(extra: tuple[str, ...]) -> str | None:
    """The rule set's cache key: the content of every rule file and of the code that reads them."""
    try:
        root = rules_dir()
        files = sorted(root.glob("**/*.txt")) + sorted(root.glob("**/*.dict")) + sorted(root.glob("**/*.rules"))
        for name in extra:  # a FIFO or device would never end, a huge file is refused later
            st = Path(name).stat()
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_DICTIONARY:
                return None
            files.append(Path(name))
        here = Path(__file__).resolve().parent
        # the code that turns rule files into the cached set: a change to it is a change of the set
        files += [
            here / name
            for name in ("loader.py", "inflect.py", "textutil.py", "model.py", "wordlists.py", "triggers.py")
        ]
        parts = [f"{f}\0".encode() + f.read_bytes() for f in files]
    except OSError:
        return None
    classes = _dataclasses()
    return cache.key(sys.version, plaindata.schema(*classes.values()), *parts)


#: checks run once on every rule set as it loads (cached or not); the engine registers the
#: check of the data against the passes' declared ids (the loader does not import the passes)
CHECKS: list[Callable[[RuleSet], None]] = []


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> RuleSet:
    """The rule set (cached or read), checked by ``CHECKS``."""
    rules = _read_cached(extra)
    for check in CHECKS:
        check(rules)
    return rules


def _read_cached(extra: tuple[str, ...]) -> RuleSet:
    """The rule set, from the plain-data cache of an earlier load when the files are unchanged."""
    key = _cache_key(extra)
    classes = _dataclasses()
    data = cache.read("rules", key) if key else None
    if data is not None:
        try:
            rules = plaindata.decode(zlib.decompress(data), classes)
            if isinstance(rules, RuleSet):
                return rules
        except (plaindata.DecodeError, zlib.error):
            pass  # a damaged entry is only a slower start: rebuilt below
    rules = _load(extra)
    if key:
        try:
            cache.write("rules", key, zlib.compress(plaindata.encode(rules, classes).encode("utf-8"), 1))
        except TypeError:
            pass  # a value plain data cannot hold: no cache, the same rules
    return rules


def _load(extra: tuple[str, ...]) -> RuleSet:
    root = rules_dir()
    problems: list[str] = []
    classes = wordlists.parse_classes(root / "classes.txt", problems)
    rules: list[Rule] = []
    for path in sorted(root.glob("**/*.dict")):
        rules.extend(parse_dictionary(path, problems, classes))
    for path in sorted(root.glob("**/*.rules")):
        rules.extend(parse_stanzas(path, problems, classes))
    for name in extra:
        path = Path(name)
        try:
            text = read_user_file(name, "dictionary file", MAX_DICTIONARY)
        except ConfigError as exc:
            problems.append(str(exc))
            continue
        if path.suffix in (".tsv", ".csv") or "\t" in text[:2000]:
            rules.extend(parse_tsv_dictionary(path, problems, text))
        else:
            rules.extend(parse_dictionary(path, problems, classes, own=False, text=text))
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id and not rule.id.startswith("user:"):
            if rule.kind != "phrase":
                problems.append(f"{rule.where}: duplicate rule id '{rule.id}' (first at {by_id[rule.id].where})")
            continue
        by_id.setdefault(rule.id, rule)
    prefixes: dict[str, str] = {}
    for rule in by_id.values():
        if isinstance(rule, PassRule) and rule.prefix:
            if rule.prefix in prefixes:
                problems.append(f"{rule.where}: prefix '{rule.prefix}' is already {prefixes[rule.prefix]}'s")
            prefixes.setdefault(rule.prefix, rule.id)
    variants = _variants([r for r in rules if isinstance(r, PhraseRule)], root, problems)
    if problems:
        raise RuleError([_discreet(p, extra) for p in problems])
    shipped = [r for r in rules if isinstance(r, PhraseRule) and not r.id.startswith("user:")]
    synonyms = word_swaps(shipped, classes.get("function", frozenset()))
    return RuleSet(by_id, classes, variants, root, synonyms, prefixes, frozenset(key[0] for key in variants))


MAX_DICTIONARY = 64 * 1024 * 1024  # bytes: a user dictionary larger than this is refused
_DICT_NAMES = (".dict", ".tsv", ".csv")
_OWN_WORDS = regex.compile(
    r"'(?:spun phrase -> standard phrase \[\| flags\]|\+ spun => fixed|- clean sentence"
    r"|why: reason|tortured<TAB>correct|spun sentence => repaired sentence|=>)'"
)


def _discreet(problem: str, extra: tuple[str, ...]) -> str:
    """A problem in a user's file that is not named as a dictionary (``-d ~/.netrc``) keeps its
    place but loses any quoted text: error messages must not show another file's content."""
    for name in extra:
        if problem.startswith(f"{name}:") and not name.endswith(_DICT_NAMES):
            return regex.sub(r"'[^'\n]*'", lambda m: m.group() if _OWN_WORDS.fullmatch(m.group()) else "'...'", problem)
    return problem


def word_swaps(
    rules: list[PhraseRule], function_words: frozenset[str], min_support: int = 2
) -> dict[str, frozenset[str]]:
    """Word-for-word swaps inside equal-length entries: 'straight strike -> direct attack'
    teaches straight -> direct and strike -> attack."""
    seen: dict[tuple[str, str], int] = {}
    for rule in rules:
        spun, standard = tokenize_key(rule.spun), tokenize_key(rule.standard)
        if len(spun) != len(standard):
            continue
        for a, b in zip(spun, standard):
            if a != b and len(a) > 2 and len(b) > 2 and a not in function_words and b not in function_words:
                seen[a, b] = seen.get((a, b), 0) + 1
    table: dict[str, set[str]] = {}
    for (a, b), count in seen.items():
        if count >= min_support:  # a swap the dictionary attests more than once is the spinner's habit
            table.setdefault(a, set()).add(b)
    return {k: frozenset(v) for k, v in table.items()}
