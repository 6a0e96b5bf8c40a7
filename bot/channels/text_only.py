"""Buttons, long messages and markup on channels that only carry text (SMS, WhatsApp).

Built once for every text-only channel (see docs in bot/channels/twilio.py for its use):
- `numbered_text`: a reply's buttons as a numbered list with one plain instruction
  ("1. Ja\\n2. Nee\\nTyp 1 of 2."). When the question itself asks for a number (an age,
  how often) or an option holds a number ("18 tot 64 jaar"), the options get letters
  ("a. ...", "Typ a of b.") so a typed number stays the answer it is.
- `chosen_text`: a reply that picks one of those options ("2", "twee", "de tweede",
  "nummer 2", "b", or the option's words, also with a small typo) becomes that button's
  payload. It reads the options from the tracker store (the bot's latest messages after the
  person's last message), so it works inside forms and across several Rasa servers.
  Anything else ("ik ben 2 keer gevallen") passes unchanged.
- `split_message`: parts of at most `limit` characters, cut at sentence ends (then at
  spaces), never inside a link or a resume code.
- `plain`: markdown-ish markup removed, so links and codes read well as plain text.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from rasa.shared.core.events import BotUttered, UserUttered

from bot.storage.resume_codes import _CODE as RESUME_CODE
from bot.storage.resume_codes import find_code

# --- the options and their labels ---------------------------------------------------------

# A question that asks for a number: its options get letters instead of numbers.
ASKS_FOR_NUMBER = re.compile(r"\b(getal|leeftijd|hoe oud|hoeveel)\b", re.IGNORECASE)
LETTERS = "abcdefghijklmnopqrstuvwxyz"
MAX_LISTED_LABELS = 4  # more options: "Typ een nummer van 1 tot 7."


def options(buttons: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The buttons that can be offered as text: those with a title and a payload."""
    return [
        button
        for button in buttons or []
        if isinstance(button, dict)
        and str(button.get("title") or "").strip()
        and str(button.get("payload") or "").strip()
    ]


def uses_letters(text: str, buttons: list[dict[str, Any]]) -> bool:
    """Whether the options are labelled a, b, c: the question asks for a number, or an
    option's title holds a digit."""
    return bool(ASKS_FOR_NUMBER.search(text or "")) or any(
        any(character.isdigit() for character in str(button["title"]))
        for button in options(buttons)
    )


def _labels(count: int, letters: bool) -> list[str]:
    return [LETTERS[index] if letters else str(index + 1) for index in range(count)]


def _instruction(labels: list[str], letters: bool) -> str:
    if len(labels) == 1:
        return f"Typ {labels[0]}."
    if len(labels) <= MAX_LISTED_LABELS:
        return f"Typ {', '.join(labels[:-1])} of {labels[-1]}."
    kind = "een letter" if letters else "een nummer"
    return f"Typ {kind} van {labels[0]} tot {labels[-1]}."


def numbered_text(text: str, buttons: list[dict[str, Any]]) -> str:
    """`text`, then the options as a numbered list and one plain instruction."""
    offered = options(buttons)
    if not offered:
        return text
    letters = uses_letters(text, offered)
    labels = _labels(len(offered), letters)
    lines = [text.rstrip()] if text and text.strip() else []
    lines += [
        f"{label}. {' '.join(str(button['title']).split())}"
        for label, button in zip(labels, offered, strict=True)
    ]
    lines.append(_instruction(labels, letters))
    return "\n".join(lines)


# --- reading a typed choice ----------------------------------------------------------------

NUMBER_WORDS = (
    "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
    "twaalf",
)  # fmt: skip
ORDINAL_WORDS = (
    "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
    "tiende", "elfde", "twaalfde",
)  # fmt: skip
LAST = "laatste"
# Words around a choice that do not change it: "ik kies de tweede", "nummer 2 graag".
LEADING_FILLERS = (
    "ik", "kies", "neem", "wil", "doe", "maar", "de", "het", "nummer", "nr", "optie", "keuze",
    "antwoord", "knop", "letter", "graag",
)  # fmt: skip
TRAILING_FILLERS = ("graag", "aub", "alsjeblieft", "alstublieft", "svp", "dan", "maar", "dus")
# Words too common to pick an option on their own.
COMMON_WORDS = frozenset(
    "niet weet voor over mijn jouw iets maar naar waar wanneer anders andere ander welke "
    "zoeken hebben heeft deze door zijn haar hier daar toch liever graag".split()
)
# A near match must say yes or no as the title does: "het is niet dringend" is not
# "Ja, het is dringend", however alike the letters are.
NEGATIONS = frozenset({"niet", "geen", "nee", "nooit", "niets", "niemand", "neen"})
ORDINAL_DIGITS = re.compile(r"(\d{1,2})(?:e|de|ste)")
TYPO_RATIO = 0.85  # difflib ratio for a small typo ("privasy", "weet ik nie")
TYPO_MIN_CHARS = 4


def normalise(text: str) -> str:
    """Lower case, no accents, only letters and digits separated by one space."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())


def _without_fillers(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while start < end and words[start] in LEADING_FILLERS:
        start += 1
    while end > start and words[end - 1] in TRAILING_FILLERS:
        end -= 1
    return words[start:end]


def _close(word: str, vocabulary: tuple[str, ...]) -> str | None:
    if word in vocabulary:
        return word
    if len(word) < TYPO_MIN_CHARS:
        return None
    found = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.8)
    return found[0] if found else None


def _index_from_label(words: list[str], count: int, letters: bool) -> int | None:
    """The 0-based option a message like "2", "twee", "de tweede", "b" names, or None."""
    if len(words) != 1:
        return None
    word = words[0]
    index: int | None = None
    if word.isdigit():
        index = None if letters else int(word) - 1
    elif (ordinal_digits := ORDINAL_DIGITS.fullmatch(word)) is not None:
        index = int(ordinal_digits.group(1)) - 1
    elif letters and len(word) == 1 and word in LETTERS:
        index = LETTERS.index(word)
    elif word == LAST:
        index = count - 1
    elif (number := _close(word, NUMBER_WORDS + ORDINAL_WORDS)) is not None:
        position = (NUMBER_WORDS + ORDINAL_WORDS).index(number)
        cardinal = position < len(NUMBER_WORDS)
        # With letters a typed number ("twee") is an answer, not a choice.
        index = None if cardinal and letters else position % len(NUMBER_WORDS)
    if index is None or not 0 <= index < count:
        return None
    return index


def _title_forms(title: str) -> tuple[str, list[str]]:
    """The title, and the shorter forms that also name it: the words before a comma
    ("Ja, dat klopt" -> "ja"), the words without or inside brackets
    ("Hersenletsel (NAH)" -> "hersenletsel", "nah")."""
    full = normalise(title)
    shorter = [
        normalise(title.split(",")[0]),
        normalise(re.sub(r"\([^)]*\)", " ", title)),
        *(normalise(inside) for inside in re.findall(r"\(([^)]*)\)", title)),
    ]
    return full, [form for form in dict.fromkeys(shorter) if form and form != full]


def _negations(text: str) -> frozenset[str]:
    return NEGATIONS.intersection(text.split())


def _alike(message: str, form: str) -> float:
    """How alike the message and a title's form are (difflib), 0 when only one denies."""
    if _negations(message) != _negations(form):
        return 0.0
    return difflib.SequenceMatcher(None, message, form).ratio()


def _only(indexes: set[int]) -> int | None:
    return next(iter(indexes)) if len(indexes) == 1 else None


def _index_from_words(message: str, titles: list[str]) -> int | None:
    """The option whose words the message is: the whole title, a shorter form of it, the
    same with a small typo, or one distinctive word found in that title only."""
    forms = [_title_forms(title) for title in titles]
    found = _only({i for i, (full, _) in enumerate(forms) if full == message})
    if found is None:
        found = _only({i for i, (_, shorter) in enumerate(forms) if message in shorter})
    if found is None and len(message) >= TYPO_MIN_CHARS:
        scores = {
            i: max(_alike(message, form) for form in [full, *short])
            for i, (full, short) in enumerate(forms)
        }
        best = max(scores.values(), default=0.0)
        if best >= TYPO_RATIO:
            found = _only({i for i, score in scores.items() if score == best})
    if found is None and " " not in message and len(message) >= TYPO_MIN_CHARS:
        if message not in COMMON_WORDS and not message.isdigit():
            found = _only(
                {
                    i
                    for i, (full, _) in enumerate(forms)
                    if _close(message, tuple(full.split())) is not None
                }
            )
    return found


def chosen_option(text: str, message: str, buttons: list[dict[str, Any]]) -> int | None:
    """The 0-based index of the option of `buttons` (offered with `text`) that `message`
    picks, or None when it picks none."""
    offered = options(buttons)
    words = normalise(message).split()
    if not offered or not words or len(words) > 8:
        return None
    letters = uses_letters(text, offered)
    titles = [str(button["title"]) for button in offered]
    for candidate in dict.fromkeys([" ".join(words), " ".join(_without_fillers(words))]):
        if not candidate:
            continue
        index = _index_from_label(candidate.split(), len(offered), letters)
        if index is None:
            index = _index_from_words(candidate, titles)
        if index is not None:
            return index
    return None


def latest_offer(events: list[Any]) -> tuple[str, list[dict[str, Any]]] | None:
    """The text and buttons of the bot's latest message with buttons after the person's
    last message, or None."""
    for event in reversed(events):
        if isinstance(event, UserUttered):
            return None
        if isinstance(event, BotUttered):
            offered = options(event.data.get("buttons") or event.data.get("quick_replies"))
            if offered:
                return event.text or "", offered
    return None


async def chosen_text(tracker_store: Any, sender_id: str, text: str) -> str:
    """The payload of the option `text` picks from the conversation's latest offer of
    buttons, or `text` unchanged."""
    if not text or text.lstrip().startswith("/") or find_code(text) or tracker_store is None:
        return text
    tracker = await tracker_store.retrieve(sender_id)
    if tracker is None:
        return text
    offer = latest_offer(list(tracker.events))
    if offer is None:
        return text
    bot_text, buttons = offer
    index = chosen_option(bot_text, text, buttons)
    return text if index is None else str(buttons[index]["payload"])


# --- long messages -------------------------------------------------------------------------

# A link ends before the punctuation that ends its sentence ("... {plan_url}.").
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'”’]", re.IGNORECASE)
# Where a new sentence or line starts: after . ! ? or … (and closing quotes or brackets)
# and white space, or after a line break.
SENTENCE_START = re.compile(r"(?:[.!?…]+[\"'”’)\]]*[ \t]+|\s*\n\s*)")
SPACE = re.compile(r"\s+")


def _protected(text: str) -> list[tuple[int, int]]:
    spans = [match.span() for match in URL.finditer(text)]
    return spans + [match.span() for match in RESUME_CODE.finditer(text)]


def _cuts(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Positions where a part may start (the end of each match), outside protected spans."""
    return [
        match.end()
        for match in pattern.finditer(text)
        if not any(start < match.start() < end or start < match.end() < end for start, end in spans)
    ]


def split_message(text: str, limit: int) -> list[str]:
    """`text` in parts of at most `limit` characters, cut at sentence ends (else at spaces,
    else, for a single word longer than `limit`, inside it), never inside a link or a
    resume code that fits in a part."""
    if limit < 1:
        raise ValueError("limit must be positive")
    text = (text or "").strip()
    spans = _protected(text)
    sentence_cuts = _cuts(SENTENCE_START, text, spans)
    space_cuts = _cuts(SPACE, text, spans)
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = max((c for c in sentence_cuts if start < c <= window_end), default=None)
        if cut is None:
            cut = max((c for c in space_cuts if start < c <= window_end), default=None)
        if cut is None:
            cut = window_end
        part = text[start:cut].strip()
        if part:
            parts.append(part)
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return parts


# --- wording ---------------------------------------------------------------------------------

# "Kies een knop" (domain.yml, for the web chat) has no buttons to point at on SMS.
BUTTON_WORDING = re.compile(r"\b([Kk])ies een knop\b")


def without_buttons_wording(text: str) -> str:
    """`text` as a channel without buttons says it: "Kies een knop" -> "Kies uit de lijst"
    (the options are a numbered list there)."""
    return BUTTON_WORDING.sub(r"\1ies uit de lijst", text)


# --- markup --------------------------------------------------------------------------------

MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*([^)\s]+)\s*\)")
ANGLE_LINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>", re.IGNORECASE)
LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|code|span|p)\b[^>]*>", re.IGNORECASE)
FENCE = re.compile(r"^\s*```[^\n]*$", re.MULTILINE)
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
STAR_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.MULTILINE)
RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
EMPHASIS = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL),
    re.compile(r"__(?=\S)(.+?)(?<=\S)__", re.DOTALL),
    re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
)
INLINE_CODE = re.compile(r"`([^`\n]+)`")
BLANK_LINES = re.compile(r"\n{3,}")
TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def _link_text(match: re.Match[str]) -> str:
    label, target = match.group(1).strip(), match.group(2)
    if target.lower().startswith("mailto:"):
        target = target[len("mailto:") :]
    if not label or normalise(label) == normalise(target):
        return target
    return f"{label}: {target}"


def _without_emphasis(text: str) -> str:
    for pattern in EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text


def plain(text: str) -> str:
    """`text` without markup: "**Let op**" -> "Let op", "[je plan](https://x/plan/abc)" ->
    "je plan: https://x/plan/abc", headings, quotes, fences and simple HTML tags removed.
    Links and resume codes are never changed."""
    text = LINE_BREAK_TAG.sub("\n", text or "")
    text = INLINE_TAG.sub("", text)
    text = MARKDOWN_LINK.sub(_link_text, text)
    text = ANGLE_LINK.sub(r"\1", text)
    text = FENCE.sub("", text)
    text = INLINE_CODE.sub(r"\1", text)
    text = RULE.sub("", text)
    text = HEADING.sub("", text)
    text = QUOTE.sub("", text)
    text = STAR_BULLET.sub(r"\1- ", text)
    # Emphasis is removed between links and codes only, never inside them.
    pieces, last = [], 0
    for start, end in sorted(_protected(text)):
        if start < last:
            continue
        pieces += [_without_emphasis(text[last:start]), text[start:end]]
        last = end
    pieces.append(_without_emphasis(text[last:]))
    text = TRAILING_SPACE.sub("", "".join(pieces))
    return BLANK_LINES.sub("\n\n", text).strip()
