"""Run `rasa data validate` and fail on every warning that is not explained here.

Rasa's validator cannot tell that a response is used by a custom action, so it warns
about those; each such warning is listed with the reason it is fine. Anything else
fails the check (`make test` runs this).
"""

from __future__ import annotations

import re
import subprocess
import sys

from bot.config import PROJECT_ROOT, load_settings, rasa_environment

EXPLAINED_WARNINGS = {
    "The utterance 'utter_fallback' is not used in any story or rule.": (
        "said by action_fallback (actions/fallback.py) after a first miss"
    ),
    "The utterance 'utter_fallback_offer_human' is not used in any story or rule.": (
        "said by action_fallback (actions/fallback.py) after the second miss in a row"
    ),
    "The utterance 'utter_faq_next_steps' is not used in any story or rule.": (
        "said by action_answer_faq (actions/faq.py) after every answer"
    ),
    "The utterance 'utter_faq_unknown' is not used in any story or rule.": (
        "said by action_answer_faq when the knowledge base has no answer"
    ),
    "The utterance 'utter_reading_level_eenvoudig' is not used in any story or rule.": (
        "said by action_use_simple_language (actions/reading_level.py)"
    ),
    "The utterance 'utter_reading_level_gewoon' is not used in any story or rule.": (
        "said by action_use_normal_language (actions/reading_level.py)"
    ),
    "The utterance 'utter_crisis' is not used in any story or rule.": (
        "said by action_crisis (actions/crisis.py) with the crisis lines from the knowledge base"
    ),
    "The utterance 'utter_faq' is not used in any story or rule.": (
        "the ResponseSelector's faq/... labels; action_answer_faq answers from the knowledge base"
    ),
    "The following duplicated intents have been found across multiple domain files: faq": (
        "Rasa 3.6 merges the retrieval intent found in data/nlu/faq.yml into the one domain "
        "file and reports the domain's own `faq` entry as a duplicate"
    ),
    "The utterance 'utter_crisis_without_knowledge' is not used in any story or rule.": (
        "said by action_crisis when the knowledge base cannot be read"
    ),
}
WARNING = re.compile(r"UserWarning: (.*?)(?:\x1b\[0m)?$")


def main() -> int:
    result = subprocess.run(
        [str(PROJECT_ROOT / ".venv" / "bin" / "rasa"), "data", "validate"],
        cwd=PROJECT_ROOT,
        env=rasa_environment(load_settings()),
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    warnings = {m.group(1).strip() for line in output.splitlines() if (m := WARNING.search(line))}
    unexplained = sorted(w for w in warnings if w not in EXPLAINED_WARNINGS)
    for warning in sorted(warnings & EXPLAINED_WARNINGS.keys()):
        print(f"explained warning: {warning} ({EXPLAINED_WARNINGS[warning]})")
    if result.returncode != 0 or unexplained:
        print(output[-5000:])
        for warning in unexplained:
            print(f"UNEXPLAINED WARNING: {warning}")
        print("rasa data validate: FAILED")
        return 1
    print("rasa data validate: clean (no unexplained warnings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
